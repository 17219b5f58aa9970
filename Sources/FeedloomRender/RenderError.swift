/// Why an export could not be written.
public enum RenderError: Error, Equatable, CustomStringConvertible {
  /// A template failed to parse or render; `line` is 1-based within `file`.
  case template(file: String, line: Int?, message: String)

  public var description: String {
    switch self {
    case let .template(file, line, message):
      return "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
  }
}
