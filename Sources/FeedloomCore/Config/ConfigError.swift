/// Why a config file cannot be used. Messages name the file, the line where known, and the JSON
/// path of the offending value: `config.json:12: sources[2].kind: unknown kind "rsss" (…)`.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
  /// The file cannot be read.
  case unreadable(file: String, reason: String)
  /// The file is not valid JSON.
  case syntax(file: String, line: Int, column: Int, message: String)
  /// A value is missing, unknown, of the wrong type or out of range.
  case invalid(file: String, line: Int?, path: String, message: String)

  public var description: String {
    switch self {
    case let .unreadable(file, reason):
      return "\(file): cannot read the config: \(reason)"
    case let .syntax(file, line, column, message):
      return "\(file):\(line):\(column): not valid JSON: \(message)"
    case let .invalid(file, line, path, message):
      let place = line.map { "\(file):\($0)" } ?? file
      return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
  }
}
