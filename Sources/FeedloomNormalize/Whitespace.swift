/// White-space folding shared by every normaliser.
public enum Whitespace {
  /// Collapses every run of Unicode white space (including no-break space) to one
  /// space and trims both ends.
  public static func fold(_ s: String) -> String {
    var out = String()
    out.reserveCapacity(s.utf8.count)
    var pendingSpace = false
    for scalar in s.unicodeScalars {
      if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.unicodeScalars.append(" ") }
        pendingSpace = false
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
