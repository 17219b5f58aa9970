#ifndef FEEDLOOM_CLIBXML2_SHIM_H
#define FEEDLOOM_CLIBXML2_SHIM_H

#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/SAX2.h>

/* Swift 6 cannot call the global function pointer xmlFree directly. */
static inline void feedloom_xmlFree(void *ptr) { xmlFree(ptr); }

/* libxml2's generic error callback is variadic; Swift cannot define one. */
static void feedloom_silent_generic_error(void *ctx, const char *msg, ...) {
  (void)ctx; (void)msg;
}
static inline void feedloom_silence_generic_errors(void) {
  xmlSetGenericErrorFunc(NULL, feedloom_silent_generic_error);
}

/* External entities and DTDs never load: no file, no network. */
static xmlParserInputPtr feedloom_deny_entity_loader(const char *url, const char *id,
                                                     xmlParserCtxtPtr ctxt) {
  (void)url; (void)id; (void)ctxt;
  return NULL;
}
static inline void feedloom_install_deny_entity_loader(void) {
  xmlSetExternalEntityLoader(feedloom_deny_entity_loader);
}

/* The text of the current node, gathered as libxml2 hands it over piece by piece: the
   characters callback runs once per entity reference (millions of times on escaped HTML),
   so the common append stays here, a few instructions. It is also the parse's user data:
   `session` leads every other callback to the Swift side, and `overflow` takes the rare
   append that needs more room or passes the text bound. */
typedef struct {
  unsigned char *bytes;
  long count;
  long capacity;
  long limit;
  void *session;
  void (*overflow)(void *ctx, const xmlChar *ch, int len);
} feedloom_text;

static void feedloom_characters(void *ctx, const xmlChar *ch, int len) {
  feedloom_text *text = (feedloom_text *)ctx;
  if (ch == NULL || len <= 0) return;
  long end = text->count + len;
  if (end > text->capacity || end > text->limit) {
    text->overflow(ctx, ch, len);
    return;
  }
  unsigned char *to = text->bytes + text->count;
  if (len <= 8) {
    for (int k = 0; k < len; k++) to[k] = ch[k];
  } else {
    memcpy(to, ch, (size_t)len);
  }
  text->count = end;
}

#endif
