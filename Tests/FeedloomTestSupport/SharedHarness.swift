import Foundation

/// The read-only reference material (`shared/`: harnesses, validators, conformance cases)
/// for tests that use it when it is there and skip cleanly when it is not.
public enum SharedHarness {
  /// The package root (this file is `Tests/FeedloomTestSupport/SharedHarness.swift`).
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Where `shared/` is looked for, in order: beside the checkout, two levels up (a worktree
  /// in `wt/`), then `/work/shared`.
  static let candidates: [URL] = [
    packageRoot.deletingLastPathComponent().appendingPathComponent("shared"),
    packageRoot.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared"),
    URL(fileURLWithPath: "/work/shared"),
  ]

  /// The first `shared/` that holds `relative` (a file or folder inside it); nil when none does.
  public static func directory(containing relative: String) -> URL? {
    candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(relative).path) }
  }

  /// `relative` inside the first `shared/` that holds it; nil when none does.
  public static func file(_ relative: String) -> URL? {
    directory(containing: relative)?.appendingPathComponent(relative)
  }

  /// Runs `python3 arguments…` (python3 as found on `PATH`): exit status and combined
  /// output, or nil when python3 cannot be started.
  public static func python(_ arguments: [String]) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    guard (try? process.run()) != nil else { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus == 127 { return nil }  // env found no python3
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}
