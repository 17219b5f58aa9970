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
/* Text the preparer took out of the markup (see XMLPreparer, "diverted text"): records of a
   header (two ints: the length, -1 while the preparer is still writing the record, and the
   line feeds of the input the text stood for) and that many bytes, handed over in order, one
   per marker the parser meets. */
typedef struct {
  unsigned char *bytes;
  long count;
  long capacity;
  /* The start of the next record to hand over; `read == count` when all were. */
  long read;
  /* Set when the parser stopped: nothing will be handed over any more. */
  int discard;
} feedloom_runs;

typedef struct {
  unsigned char *bytes;
  long count;
  long capacity;
  long limit;
  void *session;
  void (*overflow)(void *ctx, const xmlChar *ch, int len);
  feedloom_runs *runs;
  /* The parser, whose line count a marker moves on by the line feeds of its text. */
  xmlParserCtxtPtr ctxt;
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

/* The marker the preparer puts where it took text out: the processing instruction `<?_?>`.
   It appends the next record, as if libxml2 had read the text there, and moves libxml2's line
   count on by the text's line feeds (what reading it would have done: lines stay the same).
   The preparer renames any `<?_` of the input, so every such instruction is a marker. */
static void feedloom_run_marker(void *ctx, const xmlChar *target, const xmlChar *data) {
  (void)data;
  feedloom_text *text = (feedloom_text *)ctx;
  feedloom_runs *runs = text->runs;
  if (runs == NULL || target == NULL || target[0] != '_' || target[1] != 0) return;
  long header = (long)(2 * sizeof(int));
  if (runs->count - runs->read < header) return;
  int len, newlines;
  memcpy(&len, runs->bytes + runs->read, sizeof len);
  memcpy(&newlines, runs->bytes + runs->read + sizeof len, sizeof newlines);
  if (len < 0 || runs->count - runs->read - header < len) return;
  const unsigned char *run = runs->bytes + runs->read + header;
  runs->read += header + len;
  if (newlines > 0 && text->ctxt != NULL && text->ctxt->input != NULL) {
    text->ctxt->input->line += newlines;
  }
  /* Records are at most XMLPreparer.maximumRunBytes long: the count fits an int. */
  if (len > 0) feedloom_characters(ctx, run, len);
  if (runs->read == runs->count) {
    runs->read = 0;
    runs->count = 0;
  }
}

#endif
