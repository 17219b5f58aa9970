/// Path string helpers (POSIX paths, `/` separators); no file-system access.
enum PathTools {
  /// The directory part of `path` (`.` when it has none).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The last component of `path`.
  static func lastComponent(of path: String) -> String {
    let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
    return String(trimmed[trimmed.index(after: slash)...])
  }

  /// `path` resolved against `base` unless it is absolute.
  static func resolve(_ path: String, against base: String) -> String {
    if path.hasPrefix("/") { return normalised(path) }
    return normalised(base + "/" + path)
  }

  /// `.` and empty components removed, `..` applied (never above the root).
  static func normalised(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." { continue }
      if part == ".." {
        if let last = parts.last, last != ".." { parts.removeLast(); continue }
        if absolute { continue }
      }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// `path` relative to `base` when it lies inside it, else `path` unchanged.
  static func relative(_ path: String, to base: String) -> String {
    let base = normalised(base)
    let path = normalised(path)
    if path == base { return "." }
    let prefix = base == "/" ? "/" : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  /// Whether `path` is `ancestor` or lies inside it (both normalised, absolute).
  static func isInside(_ path: String, _ ancestor: String) -> Bool {
    let path = normalised(path)
    let ancestor = normalised(ancestor)
    return path == ancestor || path.hasPrefix(ancestor == "/" ? "/" : ancestor + "/")
  }
}

/// URL- and file-safe names for sources.
enum Slug {
  /// Lower-case ASCII letters and digits, other runs turned into one `-` (`Reuters World` →
  /// `reuters-world`); `fallback` when nothing is left.
  static func make(_ name: String, fallback: String) -> String {
    var out = ""
    var pendingDash = false
    for scalar in name.unicodeScalars {
      if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        if pendingDash && !out.isEmpty { out.append("-") }
        pendingDash = false
        out.unicodeScalars.append(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
      } else {
        pendingDash = true
      }
    }
    return out.isEmpty ? fallback : String(out.prefix(64))
  }

  /// `slug`, or `slug-2`, `slug-3`, … when taken; records the result in `taken`.
  static func unique(_ slug: String, among taken: inout Set<String>) -> String {
    var candidate = slug
    var counter = 2
    while taken.contains(candidate) {
      candidate = "\(slug)-\(counter)"
      counter += 1
    }
    taken.insert(candidate)
    return candidate
  }
}
