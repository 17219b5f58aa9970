#ifndef FEEDLOOM_CLIBXML2_SHIM_H
#define FEEDLOOM_CLIBXML2_SHIM_H

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

#endif
