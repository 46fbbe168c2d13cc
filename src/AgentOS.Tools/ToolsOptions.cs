using AgentOS.Tools.Calculator;
using AgentOS.Tools.Js;
using AgentOS.Tools.Retrieval;

namespace AgentOS.Tools;

/// <summary>Settings of the built-in tools (<see cref="BuiltInTools"/>).</summary>
public sealed class ToolsOptions
{
    /// <summary>File name of the retrieval index inside <see cref="DataDirectory"/>.</summary>
    public const string IndexFileName = "index.db";

    /// <summary>
    /// Folder for the tools' state; the retrieval index is <see cref="IndexFileName"/> in it unless
    /// <see cref="RetrievalOptions.DatabasePath"/> says otherwise. Required. The CLI passes its <c>--data</c> folder.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Bounds of the calculator.</summary>
    public CalculatorOptions Calculator { get; set; } = new();

    /// <summary>Limits of the js tool and its worker processes.</summary>
    public JsToolOptions Js { get; set; } = new();

    /// <summary>Settings of the retrieval index and tool.</summary>
    public RetrievalOptions Retrieval { get; set; } = new();

    /// <summary>The retrieval index's database file.</summary>
    public string IndexDatabasePath => Path.GetFullPath(Retrieval.DatabasePath ?? Path.Combine(DataDirectory, IndexFileName));

    /// <summary>Throws when a setting is missing or out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory) && Retrieval.DatabasePath is null)
        {
            throw new ArgumentException("ToolsOptions.DataDirectory is required.", nameof(DataDirectory));
        }

        ArgumentNullException.ThrowIfNull(Calculator);
        ArgumentNullException.ThrowIfNull(Js);
        ArgumentNullException.ThrowIfNull(Retrieval);
        Calculator.Validate();
        Js.Validate();
        Retrieval.Validate();
    }
}
