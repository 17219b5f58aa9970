/// What `--kind` names: the reader to use, or `auto` to detect it from the bytes.
public enum InputKind: String, Sendable, CaseIterable {
  case auto, rss, atom, rdf, jsonfeed, html, text
}
