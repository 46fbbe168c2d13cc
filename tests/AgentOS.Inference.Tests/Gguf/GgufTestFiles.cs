namespace AgentOS.Inference.Tests.Gguf;

/// <summary>A temporary directory for files a test writes, deleted with the instance.</summary>
internal sealed class GgufTestFiles : IDisposable
{
    public GgufTestFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("agentos-gguf-tests-").FullName;
    }

    public string Directory { get; }

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
