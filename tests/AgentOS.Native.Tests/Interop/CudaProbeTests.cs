using AgentOS.Native.Interop;
using static AgentOS.Native.Interop.CudaProbe;

namespace AgentOS.Native.Tests.Interop;

public sealed class CudaProbeTests
{
    [Theory]
    [InlineData(8, 6)]
    [InlineData(8, 9)]
    [InlineData(12, 0)]
    [InlineData(12, 1)]
    public void AllSupported_ArchitectureInTheBuild_ReturnsTrue(int major, int minor)
    {
        Assert.True(CudaProbe.AllSupported([new ComputeCapability(major, minor)]));
    }

    [Theory]
    [InlineData(9, 0)] // H100/H200: no kernels and no PTX in the pinned build, llama.cpp aborts.
    [InlineData(8, 0)]
    [InlineData(7, 5)]
    [InlineData(10, 0)]
    [InlineData(12, 2)]
    public void AllSupported_ArchitectureNotInTheBuild_ReturnsFalse(int major, int minor)
    {
        Assert.False(CudaProbe.AllSupported([new ComputeCapability(major, minor)]));
    }

    [Fact]
    public void AllSupported_OneUnsupportedAmongSeveral_ReturnsFalse()
    {
        // llama.cpp would use the 9.0 card too and abort there.
        Assert.False(CudaProbe.AllSupported([new ComputeCapability(9, 0), new ComputeCapability(8, 9)]));
    }

    [Fact]
    public void AllSupported_TwoSupported_ReturnsTrue()
    {
        Assert.True(CudaProbe.AllSupported([new ComputeCapability(8, 6), new ComputeCapability(12, 0)]));
    }

    [Fact]
    public void AllSupported_NoGpu_ReturnsFalse()
    {
        Assert.False(CudaProbe.AllSupported([]));
    }

    [Fact]
    public void ComputeCapability_ToString_WritesMajorDotMinor()
    {
        Assert.Equal("8.6, 8.9, 12.0, 12.1", string.Join(", ", CudaProbe.SupportedArchitectures));
    }
}
