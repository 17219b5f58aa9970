import Foundation
import Testing

@testable import FeedloomNormalize

/// The public XSS corpus (shared/security/xss-vectors.json) through the sanitiser, judged by
/// the shared static checker (shared/security/xss_static_check.py, run with python3): no
/// output may hold a script element, an event handler, a script or data URL, CSS script,
/// embeds, forms, raw-text elements, comments or anything else it flags.
@Suite struct SanitizerXSSTests {
  static var securityFolder: URL? { SharedMaterial.root?.appendingPathComponent("security") }

  static var python: String? {
    ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static var isAvailable: Bool {
    guard let folder = securityFolder, python != nil else { return false }
    return FileManager.default.fileExists(atPath: folder.appendingPathComponent("xss_static_check.py").path)
  }

  struct Vector {
    let id: String
    let payload: String
  }

  static func vectors() throws -> [Vector] {
    guard let folder = securityFolder else { return [] }
    let data = try Data(contentsOf: folder.appendingPathComponent("xss-vectors.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let list = try #require(root["vectors"] as? [[String: Any]])
    return list.compactMap { item in
      guard let id = item["id"] as? String, let payload = item["payload"] as? String else { return nil }
      return Vector(id: id, payload: payload)
    }
  }

  @Test(.enabled(if: SanitizerXSSTests.isAvailable, "needs shared/security and python3"))
  func staticCheckFlagsNoSanitisedVector() throws {
    let vectors = try Self.vectors()
    #expect(vectors.count > 300, "the corpus was not read")
    var outputs: [String: String] = [:]
    for vector in vectors {
      outputs["\(vector.id)|nobase"] = HTMLSanitizer.sanitize(vector.payload, baseURL: nil)
      outputs["\(vector.id)|base"] = HTMLSanitizer.sanitize(vector.payload, baseURL: "http://example.com/feed/")
      // A hostile base (the corpus also lands in xml:base) must not leak into resolved URLs.
      outputs["\(vector.id)|payloadbase"] = HTMLSanitizer.sanitize(
        "<a href=\"x\">l</a><img src=\"y.png\">", baseURL: vector.payload)
    }
    let findings = try Self.staticCheck(outputs)
    let report = findings.sorted { $0.key < $1.key }.prefix(20).map { key, codes in
      "\(key): \(codes.joined(separator: ",")): \(outputs[key]?.prefix(160).debugDescription ?? "")"
    }
    #expect(findings.isEmpty, "\(findings.count) of \(outputs.count) outputs flagged:\n\(report.joined(separator: "\n"))")
  }

  @Test(.enabled(if: SanitizerXSSTests.isAvailable, "needs shared/security and python3"))
  func staticCheckerCatchesUnsanitisedPayloads() throws {
    // Proves the harness can fail: the raw corpus is flagged.
    let vectors = try Self.vectors().prefix(50)
    let raw = Dictionary(uniqueKeysWithValues: vectors.map { ($0.id, $0.payload) })
    #expect(try Self.staticCheck(raw).count > 10)
  }

  /// Runs the static checker on `{key: html}` and returns the codes it flagged per key.
  static func staticCheck(_ outputs: [String: String]) throws -> [String: [String]] {
    let folder = try #require(securityFolder)
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("feedloom-xss-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: temporary) }
    let input = temporary.appendingPathComponent("outputs.json")
    let report = temporary.appendingPathComponent("findings.json")
    try JSONSerialization.data(withJSONObject: outputs).write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(python))
    process.arguments = [
      folder.appendingPathComponent("xss_static_check.py").path, "--outputs", input.path, "--json", report.path, "--quiet",
    ]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let data = try Data(contentsOf: report)
    let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]])
    var flagged: [String: [String]] = [:]
    for (key, findings) in results where !findings.isEmpty {
      flagged[key] = Array(Set(findings.compactMap { $0["code"] as? String })).sorted()
    }
    return flagged
  }
}
