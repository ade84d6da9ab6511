import Foundation
import OIRModel
import OIRSupport
import ZIPFoundation

/// The checklist as an Office Open XML workbook (`plan --format xlsx`): a sheet per kommune
/// with the CSV's columns, and a summary sheet first. Each sheet has its header frozen, an
/// autofilter, column widths, dates as date cells, the status column as a drop-down of the
/// status words, overdue rows red and blocked rows grey, the task key grey (the column that says
/// which task a row is, read back by `--update-from`) and locked: the sheet is protected
/// without a password, every other cell open to edit, filter, sort and format. Every text goes in as an inline string,
/// escaped: nothing becomes a formula. The same checklists give the same bytes.
public enum Workbook {
    /// The fields whose cells are dates, and those that are numbers.
    static let dateFields: Set<String> = ["status_date", "deadline", "earliest_start", "earliest_finish", "baseline_finish"]
    static let numberFields: Set<String> = ["blocks", "slip"]

    /// Column styles (indexes into `styles.xml`'s cell formats).
    enum CellStyle: Int {
        case text = 0, header, date, key, overdue, overdueDate, blocked, blockedDate, wrapped
    }

    /// The workbook of `lists`.
    /// - Parameters:
    ///   - rollout: Whether the lists are a rollout's (a kommune column in every sheet).
    /// - Throws: when the ZIP cannot be put together.
    public static func data(_ lists: [Checklist], catalog: Catalog, labels: LabelSet, options: ChecklistOptions, rollout: Bool) throws -> Data {
        let writer = ChecklistWriter(catalog: catalog, labels: labels, options: options)
        var sheets: [(name: String, xml: String)] = [(writer.labels.text("workbook.summary"), summary(lists, writer: writer))]
        var used: Set<String> = [sheets[0].name]
        for list in lists {
            let (fields, rows) = writer.table([list], rollout: rollout)
            sheets.append((sheetName(list.plan.plan.kommune, used: &used), sheet(fields: fields, rows: rows, writer: writer, list: list)))
        }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", rootRelations),
            ("xl/workbook.xml", workbook(sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", workbookRelations(sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", sheet.xml)) }
        return try archive(parts)
    }

    /// A ZIP of `parts` with a fixed date on every entry, so the same workbook is the same bytes.
    static func archive(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let date = Date(timeIntervalSince1970: 315_532_800) // 1980-01-01, the first day ZIP can say
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// A sheet name Excel takes: at most 31 characters, none of []:*?/\, unique in the workbook.
    static func sheetName(_ kommune: String, used: inout Set<String>) -> String {
        let cleaned = String(kommune.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        var name = String(cleaned.prefix(31)), counter = 2
        if name.isEmpty { name = "Kommune" }
        while used.contains(name.lowercased()) || used.contains(name) {
            let suffix = " (\(counter))"
            name = String(cleaned.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        used.insert(name.lowercased())
        return name
    }

    // MARK: Sheets

    /// A kommune's sheet: the header, a row per task.
    static func sheet(fields: [String], rows: [[String]], writer: ChecklistWriter, list: Checklist) -> String {
        let header = fields.map(writer.fieldName)
        var xmlRows = [row(1, header.map { Cell(text: $0, style: .header) })]
        for (index, (cells, task)) in Swift.zip(rows, list.rows).enumerated() {
            let state: CellStyle? = task.overdue ? .overdue : task.progress == OIRModel.Progress.blocked ? .blocked : nil
            let row = Swift.zip(fields, cells).map { field, text in cell(field, text, state: state) }
            xmlRows.append(self.row(index + 2, row))
        }
        let last = "\(column(fields.count - 1))\(rows.count + 1)"
        let widths = fields.enumerated().map { index, field -> String in
            let longest = ([header[index]] + rows.map { $0[index] }).map { $0.count }.max() ?? 8
            let width = field == "note" || field == "title" ? min(60, max(12, longest)) : min(40, max(8, longest + 2))
            return "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        var validation = ""
        if let statusColumn = fields.firstIndex(of: "status"), !rows.isEmpty {
            let words = TaskStatus.allCases.map { ChecklistWriter.status($0, labels: writer.labels) }.joined(separator: ",")
            let range = "\(column(statusColumn))2:\(column(statusColumn))\(rows.count + 1)"
            validation = "<dataValidations count=\"1\"><dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(range)\">"
                + "<formula1>\(xml("\"\(words)\""))</formula1></dataValidation></dataValidations>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <cols>\(widths.joined())</cols><sheetData>\(xmlRows.joined())</sheetData>\
            <sheetProtection sheet="1" objects="1" scenarios="1" formatCells="0" formatColumns="0" formatRows="0" insertRows="0" \
            deleteRows="0" sort="0" autoFilter="0"/>\
            <autoFilter ref="A1:\(last)"/>\(validation)</worksheet>
            """
    }

    /// The summary: a row per kommune with its counts and projected end.
    static func summary(_ lists: [Checklist], writer: ChecklistWriter) -> String {
        let labels = writer.labels
        let header = ["kommune", "tasks", "done", "in_progress", "ready", "blocked", "overdue", "end"].map { labels.text("docs.index.\($0)") }
        var rows = [row(1, header.map { Cell(text: $0, style: .header) })]
        for (index, list) in lists.enumerated() {
            let plan = list.plan
            let numbers = [plan.instances.count, plan.count(.done), plan.count(.inProgress), plan.count(.ready), plan.count(.blocked),
                           list.analysis.overdue.count]
            var cells = [Cell(text: plan.plan.kommune, style: .text)] + numbers.map { Cell(number: Double($0)) }
            cells.append(list.analysis.schedule.map { Cell(day: $0.end, style: .date) } ?? Cell(text: "", style: .text))
            rows.append(row(index + 2, cells))
        }
        let widths = header.enumerated().map { index, text in
            "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(index == 0 ? 28 : max(10, text.count + 2))\" customWidth=\"1\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <cols>\(widths.joined())</cols><sheetData>\(rows.joined())</sheetData>\
            <autoFilter ref="A1:\(column(header.count - 1))\(lists.count + 1)"/></worksheet>
            """
    }

    /// One cell's value and style.
    struct Cell {
        var text: String?
        var number: Double?
        var style: CellStyle

        init(text: String, style: CellStyle) { self.text = text; self.style = style }
        init(number: Double, style: CellStyle = .text) { self.number = number; self.style = style }
        init(day: CalendarDay, style: CellStyle) { self.number = Double(Workbook.serial(day)); self.style = style }
    }

    /// A field's cell: a date, a number or text, in its row's state.
    static func cell(_ field: String, _ text: String, state: CellStyle?) -> Cell {
        let dated = state.map { $0 == .overdue ? CellStyle.overdueDate : .blockedDate } ?? .date
        if dateFields.contains(field), let day = CalendarDay(text) { return Cell(day: day, style: dated) }
        if numberFields.contains(field), let value = Double(text) { return Cell(number: value, style: state ?? .text) }
        if field == "key" { return Cell(text: text, style: .key) }
        return Cell(text: text, style: state ?? (field == "note" || field == "title" ? .wrapped : .text))
    }

    static func row(_ number: Int, _ cells: [Cell]) -> String {
        let xmlCells = cells.enumerated().map { index, cell -> String in
            let reference = "\(column(index))\(number)", style = cell.style.rawValue == 0 ? "" : " s=\"\(cell.style.rawValue)\""
            if let value = cell.number { return "<c r=\"\(reference)\"\(style)><v>\(NumberText.decimal(value, digits: 6))</v></c>" }
            guard let text = cell.text, !text.isEmpty else { return style.isEmpty ? "" : "<c r=\"\(reference)\"\(style)/>" }
            let space = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? " xml:space=\"preserve\"" : ""
            return "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t\(space)>\(xml(text))</t></is></c>"
        }
        return "<row r=\"\(number)\">\(xmlCells.joined())</row>"
    }

    /// The column letters of a 0-based index: A … Z, AA ….
    static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// A day as a spreadsheet counts it: days since 1899-12-30.
    static func serial(_ day: CalendarDay) -> Int { day.ordinal - epoch.ordinal }
    static let epoch = CalendarDay("1899-12-30")!

    /// Text as XML character data: escaped, and without the control characters XML 1.0 forbids.
    static func xml(_ text: String) -> String {
        PlainText.xmlEscaped(String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" })))
    }

    // MARK: Parts

    static func contentTypes(_ sheets: Int) -> String {
        let overrides = (1...sheets).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(overrides.joined())</Types>
            """
    }

    static let rootRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbook(_ names: [String]) -> String {
        let sheets = names.enumerated().map { "<sheet name=\"\(xml($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }
        // The autofilters' ranges, as Excel names them.
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <bookViews><workbookView activeTab="\(names.count > 1 ? 1 : 0)"/></bookViews><sheets>\(sheets.joined())</sheets></workbook>
            """
    }

    static func workbookRelations(_ sheets: Int) -> String {
        let relations = (1...sheets).map {
            "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relations.joined())\
            <Relationship Id="rId\(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """
    }

    /// The cell formats, in the order of `CellStyle`: plain, header (bold, shaded), date, key
    /// (grey text), overdue (red fill) and its date, blocked (grey fill) and its date, wrapped text.
    /// All but the header and the key are unlocked.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>\
        <fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>\
        <font><sz val="11"/><color rgb="FF6E6E6E"/><name val="Calibri"/></font></fonts>\
        <fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFE7ECF2"/><bgColor indexed="64"/></patternFill></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFF8D7D3"/><bgColor indexed="64"/></patternFill></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="164" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="164" fontId="0" fillId="4" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" applyProtection="1"><alignment wrapText="1" vertical="top"/><protection locked="0"/></xf></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}
