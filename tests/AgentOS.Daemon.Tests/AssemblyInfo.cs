using System.Runtime.Versioning;

// The daemon serves on a Unix domain socket with Unix file modes; its tests run on Linux.
[assembly: SupportedOSPlatform("linux")]
