internal import CLibXML2

/// What a web page's head says about it: its title, language and the links it declares.
public struct HTMLHead: Sendable {
  public var title: String?
  public var language: String?
  /// `<base href>`, as written.
  public var base: String?
  /// Every `<link>` element's attributes (names lower-cased), in document order.
  public var links: [[String: String]] = []

  /// Reads the head of an HTML page (UTF-8) with libxml2's HTML parser: recovering, no
  /// network, no error output.
  public static func read(utf8 bytes: [UInt8]) -> HTMLHead {
    LibXML2.setUp()
    var head = HTMLHead()
    guard let ctxt = htmlNewParserCtxt() else { return head }
    defer { htmlFreeParserCtxt(ctxt) }
    let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
      | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
    let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
      buf.withMemoryRebound(to: CChar.self) { c in
        htmlCtxtReadMemory(ctxt, c.baseAddress, Int32(c.count), nil, "UTF-8", options)
      }
    }
    guard let doc else { return head }
    defer { xmlFreeDoc(doc) }
    walk(xmlDocGetRootElement(doc), into: &head, depth: 0)
    return head
  }

  private static func walk(_ first: xmlNodePtr?, into head: inout HTMLHead, depth: Int) {
    guard depth < 64 else { return }
    var node = first
    while let n = node {
      if n.pointee.type == XML_ELEMENT_NODE, let namePtr = n.pointee.name {
        let name = String(cString: namePtr).lowercased()
        switch name {
        case "html":
          if head.language == nil { head.language = attribute(n, "lang") }
          walk(n.pointee.children, into: &head, depth: depth + 1)
        case "head":
          walk(n.pointee.children, into: &head, depth: depth + 1)
        case "title":
          if head.title == nil, let content = xmlNodeGetContent(n) {
            head.title = String(cString: content)
            feedloom_xmlFree(content)
          }
        case "base":
          if head.base == nil { head.base = attribute(n, "href") }
        case "link":
          var attrs: [String: String] = [:]
          var a = n.pointee.properties
          while let attr = a {
            if let an = attr.pointee.name, let v = xmlGetProp(n, an) {
              attrs[String(cString: an).lowercased()] = String(cString: v)
              feedloom_xmlFree(v)
            }
            a = attr.pointee.next
          }
          head.links.append(attrs)
        case "body":
          // Feeds are declared in the head, but broken pages put links anywhere early.
          walk(n.pointee.children, into: &head, depth: depth + 1)
        default:
          if depth < 3 { walk(n.pointee.children, into: &head, depth: depth + 1) }
        }
      }
      node = n.pointee.next
    }
  }

  private static func attribute(_ n: xmlNodePtr, _ name: String) -> String? {
    guard let v = xmlGetProp(n, name) else { return nil }
    defer { feedloom_xmlFree(v) }
    return String(cString: v)
  }
}
