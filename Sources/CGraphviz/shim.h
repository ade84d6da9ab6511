#ifndef OIR_CGRAPHVIZ_SHIM_H
#define OIR_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvplugin.h>

/* Swift 6 rejects the mutable C global Agdirected as not concurrency-safe; a function returning
   it is accepted, and the gateway calls it under its lock. */
static inline Agdesc_t oir_agdirected(void) { return Agdirected; }

/* cgraph's API takes `char *` where it only reads; these keep the Swift side const-correct. */
static inline Agraph_t *oir_agmemread(const char *text) { return agmemread(text); }
static inline int oir_gvlayout(GVC_t *gvc, Agraph_t *g, const char *engine) {
    return gvLayout(gvc, g, engine);
}
static inline int oir_gvrenderdata(GVC_t *gvc, Agraph_t *g, const char *format,
                                   char **result, unsigned int *length) {
    return gvRenderData(gvc, g, format, result, length);
}

#endif
