using System.Text.RegularExpressions;

namespace KafkaWorkers.Samples.Tests;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles: each of its lines appears, in order, in one source file under
/// samples/ (samples/DocSnippets holds the blocks that no sample holds), and the build compiles those files.
/// </summary>
public sealed partial class DocSnippetTests
{
    // Blocks that cannot compile here, with the reason. Keep this list short.
    private static readonly Dictionary<string, string> NotCompiled = new(StringComparer.Ordinal)
    {
        ["AddOpenTelemetry"] = "needs OpenTelemetry.Extensions.Hosting, which this repository does not reference",
    };

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var (document, index, _) in ReadBlocks().Where(b => !IsNotCompiled(b.Lines)))
        {
            data.Add(document, index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_is_compiled_by_the_build(string document, int index)
    {
        var block = ReadBlocks().Single(b => b.Document == document && b.Index == index).Lines;
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"Templates{Path.DirectorySeparatorChar}content", StringComparison.Ordinal));
        var best = (File: string.Empty, Matched: -1);
        foreach (var file in sources)
        {
            var matched = MatchedLines(block, Lines(File.ReadAllText(file)));
            if (matched == block.Count)
            {
                return;
            }

            if (matched > best.Matched)
            {
                best = (file, matched);
            }
        }

        Assert.Fail($"{document} block {index}: no file under samples/ holds its lines in order. Closest: {best.File}, "
            + $"which stops at line {best.Matched + 1}: '{block[best.Matched]}'. Put the block in samples/DocSnippets.");
    }

    [Fact]
    public void The_docs_have_csharp_blocks_and_few_are_not_compiled()
    {
        var blocks = ReadBlocks().ToList();
        Assert.True(blocks.Count >= 15, $"found {blocks.Count} blocks");
        Assert.Equal(NotCompiled.Count, blocks.Count(b => IsNotCompiled(b.Lines)));
    }

    private static IEnumerable<(string Document, int Index, List<string> Lines)> ReadBlocks()
    {
        var documents = Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Order(StringComparer.Ordinal)
            .Prepend(Path.Combine(Repository.Root, "README.md"));
        foreach (var path in documents)
        {
            var name = Path.GetRelativePath(Repository.Root, path);
            var index = 0;
            foreach (Match match in CSharpBlock().Matches(File.ReadAllText(path)))
            {
                yield return (name, index++, Lines(match.Groups[1].Value));
            }
        }
    }

    private static bool IsNotCompiled(List<string> block) =>
        block.Any(l => NotCompiled.Keys.Any(k => l.Contains(k, StringComparison.Ordinal)));

    // Trimmed, non-blank lines; "class X { ... }" in a doc stands for the declaration line "class X".
    private static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.EndsWith(" { ... }", StringComparison.Ordinal) ? l[..^8] : l)];

    private static int MatchedLines(List<string> block, List<string> source)
    {
        var at = 0;
        var matched = 0;
        foreach (var line in block)
        {
            at = source.IndexOf(line, at);
            if (at < 0)
            {
                break;
            }

            matched++;
            at++;
        }

        return matched;
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
