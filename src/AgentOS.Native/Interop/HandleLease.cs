using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary>
/// Keeps a <see cref="SafeHandle"/> alive (and its native object unfreed) while a raw pointer derived from
/// it is in use, e.g. the vocab pointer that belongs to a model. Throws if the handle is already closed.
/// </summary>
internal readonly struct HandleLease : IDisposable
{
    private readonly SafeHandle _handle;

    internal HandleLease(SafeHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
    }

    public void Dispose() => _handle.DangerousRelease();
}
