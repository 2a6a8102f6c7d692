using System.Globalization;
using System.Text;

namespace MLNetExtensions.Reporting;

/// <summary>
/// A report folder: a Markdown summary (report.md) plus the PNG plots it links. Families append their sections.
/// </summary>
public sealed class MarkdownReport
{
    private readonly StringBuilder _text = new();

    /// <summary>Creates (or reuses) <paramref name="folder"/> for a report titled <paramref name="title"/>.</summary>
    public MarkdownReport(string folder, string title)
    {
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
        _text.AppendLine($"# {title}").AppendLine();
    }

    /// <summary>The report folder.</summary>
    public string Folder { get; }

    /// <summary>Adds a section heading.</summary>
    public MarkdownReport Heading(string text, int level = 2)
    {
        _text.AppendLine($"{new string('#', level)} {text}").AppendLine();
        return this;
    }

    /// <summary>Adds a paragraph.</summary>
    public MarkdownReport Paragraph(string text)
    {
        _text.AppendLine(text).AppendLine();
        return this;
    }

    /// <summary>Adds a table; numbers are formatted with 4 significant digits, invariant culture.</summary>
    public MarkdownReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        _text.AppendLine("| " + string.Join(" | ", header) + " |");
        _text.AppendLine("|" + string.Concat(header.Select(_ => " --- |")));
        foreach (var row in rows)
            _text.AppendLine("| " + string.Join(" | ", row.Select(Format)) + " |");
        _text.AppendLine();
        return this;
    }

    /// <summary>Saves <paramref name="plot"/> as <paramref name="fileName"/> (PNG) in the folder and links it.</summary>
    public MarkdownReport Plot(ScottPlot.Plot plot, string fileName, string caption, int width = 800, int height = 500)
    {
        plot.SavePng(Path.Combine(Folder, fileName), width, height);
        _text.AppendLine($"![{caption}]({fileName})").AppendLine();
        return this;
    }

    /// <summary>Links an image already written into the folder (for plots that save themselves).</summary>
    public MarkdownReport Image(string fileName, string caption)
    {
        if (!File.Exists(Path.Combine(Folder, fileName)))
            throw new FileNotFoundException($"Image '{fileName}' is not in the report folder '{Folder}'.", fileName);
        _text.AppendLine($"![{caption}]({fileName})").AppendLine();
        return this;
    }

    /// <summary>Writes report.md and returns its path.</summary>
    public string Save()
    {
        var path = Path.Combine(Folder, "report.md");
        File.WriteAllText(path, _text.ToString());
        return path;
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
