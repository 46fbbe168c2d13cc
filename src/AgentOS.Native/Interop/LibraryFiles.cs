namespace AgentOS.Native.Interop;

/// <summary>File names of the pinned release's libraries (node-llama-cpp 3.22.1 ships them under these names).</summary>
internal static class LibraryFiles
{
    internal const string CpuLlama = "libllama.v0.5.0.so";
    internal const string CudaLlama = "libllama.cuda.v0.5.0.so";
    internal const string CpuGgml = "libggml.v0.5.0.so";
    internal const string CudaGgml = "libggml.cuda.v0.5.0.so";
    internal const string GgmlBase = "libggml-base.so";

    /// <summary>The first of <paramref name="names"/> that exists in <paramref name="directory"/>, as a full path.</summary>
    internal static string? Find(string directory, params string[] names) =>
        names.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
