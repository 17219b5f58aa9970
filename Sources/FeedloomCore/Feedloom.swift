/// Facts about this build of feedloom.
public enum FeedloomInfo {
  public static let version = "0.1.0"
}
