import Testing
@testable import FeedloomNormalize

@Suite struct WhitespaceTests {
  @Test func foldsRunsAndTrims() {
    #expect(Whitespace.fold("  a \n\t b\u{00A0}\u{00A0}c  ") == "a b c")
    #expect(Whitespace.fold(" \n ") == "")
    #expect(Whitespace.fold("already folded") == "already folded")
    #expect(Whitespace.fold("") == "")
  }

  /// The byte-level fold treats exactly the scalars Unicode calls White_Space (and no-break
  /// space) as space, over every scalar of the Basic Multilingual Plane and beyond.
  @Test func byteFoldMatchesTheUnicodeProperty() {
    func reference(_ s: String) -> String {
      var out = ""
      var pending = false
      for scalar in s.unicodeScalars {
        if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
          pending = !out.isEmpty
        } else {
          if pending { out.unicodeScalars.append(" ") }
          pending = false
          out.unicodeScalars.append(scalar)
        }
      }
      return out
    }
    var mismatches: [UInt32] = []
    for v in UInt32(0)...0x1_0100 {
      guard let scalar = Unicode.Scalar(v) else { continue }
      let s = "a" + String(scalar) + String(scalar) + "b " + String(scalar)
      if Whitespace.fold(s) != reference(s) { mismatches.append(v) }
    }
    #expect(mismatches.isEmpty)
  }
}
