import CLibXML2

/// The floor: libxml2's own SAX2 walk over the bytes, with a handler that only counts, and
/// the options a safe feed parser must use (recover, no network, errors collected rather
/// than printed, predefined entities only). Nothing a real parser does can cost less.
struct SAXFloor {
  /// What the walk saw, so the work cannot be optimised away and both sides can be compared.
  struct Counts {
    var elements = 0
    var textBytes = 0
    var errors = 0
  }

  private static let initialised: Bool = {
    xmlInitParser()
    feedloom_silence_generic_errors()
    feedloom_install_deny_entity_loader()
    return true
  }()

  /// Size of each piece handed to `xmlParseChunk`, as a streaming reader would.
  static let chunkSize = 1 << 16

  static func walk(_ bytes: [UInt8], into counts: inout Counts) {
    _ = initialised
    var sax = xmlSAXHandler()
    sax.initialized = XML_SAX2_MAGIC
    sax.startElementNs = { ctx, _, _, _, _, _, _, _, _ in
      ctx!.assumingMemoryBound(to: Counts.self).pointee.elements += 1
    }
    sax.endElementNs = { _, _, _, _ in }
    sax.characters = { ctx, _, len in
      ctx!.assumingMemoryBound(to: Counts.self).pointee.textBytes += Int(len)
    }
    sax.cdataBlock = sax.characters
    sax.getEntity = { _, name in xmlGetPredefinedEntity(name) }
    sax.serror = { ctx, _ in
      ctx?.assumingMemoryBound(to: Counts.self).pointee.errors += 1
    }
    withUnsafeMutablePointer(to: &counts) { countsPointer in
      let userData = UnsafeMutableRawPointer(countsPointer)
      guard let ctxt = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil) else { return }
      defer { xmlFreeParserCtxt(ctxt) }
      let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
          | XML_PARSE_NOWARNING.rawValue)
      xmlCtxtUseOptions(ctxt, options)
      bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
          var offset = 0
          while offset < chars.count {
            let n = min(chunkSize, chars.count - offset)
            _ = xmlParseChunk(ctxt, chars.baseAddress! + offset, Int32(n), 0)
            offset += n
          }
        }
      }
      _ = xmlParseChunk(ctxt, nil, 0, 1)
    }
  }
}
