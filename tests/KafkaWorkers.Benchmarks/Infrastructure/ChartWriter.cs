using System.Globalization;
using System.Net;
using System.Text;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>Draws the medians of some measurements as horizontal bars with min–max whiskers, one panel per scenario, as SVG.</summary>
public static class ChartWriter
{
    private const int Width = 900;
    private const int LabelWidth = 360;
    private const int BarHeight = 22;
    private const int PanelGap = 44;

    public static string Svg(IReadOnlyList<Stats> stats)
    {
        var panels = stats.GroupBy(s => s.Scenario).ToList();
        var height = panels.Sum(p => PanelGap + (p.Count() * (BarHeight + 8))) + 30;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n"));
        var y = 0;
        foreach (var panel in panels)
        {
            var max = panel.Max(s => s.Max);
            var scale = (Width - LabelWidth - 90) / max;
            y += PanelGap - 14;
            svg.Append(Invariant($"<text x=\"10\" y=\"{y}\" font-weight=\"bold\">Scenario {Escape(panel.Key)} ({Escape(panel.First().Unit)}, median; whiskers min–max)</text>\n"));
            y += 14;
            foreach (var s in panel)
            {
                var bar = s.Median * scale;
                var middle = y + (BarHeight / 2);
                svg.Append(Invariant($"<text x=\"{LabelWidth - 8}\" y=\"{middle + 4}\" text-anchor=\"end\">{Escape(s.Variant)}</text>\n"));
                svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{bar:0.0}\" height=\"{BarHeight}\" fill=\"#4e79a7\"/>\n"));
                svg.Append(Invariant($"<line x1=\"{LabelWidth + (s.Min * scale):0.0}\" y1=\"{middle}\" x2=\"{LabelWidth + (s.Max * scale):0.0}\" y2=\"{middle}\" stroke=\"black\"/>\n"));
                svg.Append(Invariant($"<text x=\"{LabelWidth + (s.Max * scale) + 6:0.0}\" y=\"{middle + 4}\">{Stats.Format(s.Median)}</text>\n"));
                y += BarHeight + 8;
            }
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
