using System.ComponentModel;
using System.Runtime.InteropServices;

namespace AgentOS.Tools.Js;

/// <summary>Sets resource limits on another process with Linux's prlimit(2).</summary>
internal static unsafe partial class ProcessLimits
{
    // RLIMIT_CPU is 0 on every Linux architecture.
    private const int RlimitCpu = 0;

    /// <summary>
    /// Caps the total CPU time of process <paramref name="processId"/> at <paramref name="seconds"/>: the kernel
    /// then sends SIGXCPU, whose default action ends the process. Only the soft limit moves; the hard limit is
    /// kept as it is, because an unprivileged host could never raise it again for the worker's next script.
    /// </summary>
    public static void SetCpuSeconds(int processId, ulong seconds)
    {
        RLimit current;
        Check(Prlimit(processId, RlimitCpu, null, &current), processId);
        var limit = new RLimit { Current = Math.Min(seconds, current.Maximum), Maximum = current.Maximum };
        Check(Prlimit(processId, RlimitCpu, &limit, null), processId);
    }

    private static void Check(int result, int processId)
    {
        if (result != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"prlimit(RLIMIT_CPU) failed for process {processId}");
        }
    }

    [LibraryImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static partial int Prlimit(int pid, int resource, RLimit* newLimit, RLimit* oldLimit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
