using System.Net;
using LiveAssist.Presenter.Synthesis.Espeak;

namespace LiveAssist.Presenter.Timings;

/// <summary>A word as spoken: when it starts and how long it lasts, in ms from the start of the audio.</summary>
public sealed record WordTiming(int OffsetMs, int DurationMs, string Text);

/// <summary>From <see cref="OffsetMs"/> on, the mouth has Azure viseme <see cref="Id"/>'s shape.</summary>
public sealed record VisemeTiming(int OffsetMs, int Id);

/// <summary>
/// Word and viseme tracks aligned with a line's audio. Both begin and end with closed-mouth silence,
/// offsets only grow, and everything lies inside <see cref="DurationMs"/>.
/// </summary>
public sealed record SpeechTimeline(int DurationMs, IReadOnlyList<WordTiming> Words, IReadOnlyList<VisemeTiming> Visemes)
{
    /// <summary>Silence the presenter keeps before and after speaking, so the mouth rests closed at both ends.</summary>
    public const int RestMs = 150;

    // A pause shorter than this inside a word is a syllable break, not a closed mouth.
    private const int MinPauseMs = 60;

    /// <summary>
    /// Builds the tracks from espeak-ng's events. <paramref name="markup"/> is the exact text espeak read
    /// (word events point into it); <paramref name="leadMs"/> is silence placed before the audio.
    /// </summary>
    public static SpeechTimeline FromEspeak(EspeakRun run, string markup, int leadMs, int totalMs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(markup);
        var speechEnd = SpeechEnd(run);
        var visemes = new List<VisemeTiming> { new(0, VisemeMap.Silence) };
        for (var i = 0; i < run.Phonemes.Count; i++)
        {
            var phoneme = run.Phonemes[i];
            if (phoneme.AudioMs >= speechEnd)
            {
                break;
            }

            var next = i + 1 < run.Phonemes.Count ? run.Phonemes[i + 1].AudioMs : speechEnd;
            var id = VisemeMap.For(phoneme.Ipa);
            if (id == VisemeMap.Silence && next - phoneme.AudioMs < MinPauseMs)
            {
                continue;
            }

            Add(visemes, leadMs + phoneme.AudioMs, id);
        }

        Add(visemes, leadMs + speechEnd, VisemeMap.Silence);

        var words = TimeWords(run, markup, leadMs, speechEnd);
        return new SpeechTimeline(totalMs, words, visemes);
    }

    /// <summary>
    /// Every written word gets a time. espeak-ng reports most words where they start, but not all
    /// (it runs "this one" together) and several for one written number ("3000"): written words are
    /// the text's whitespace-separated runs, split further where espeak starts a word inside one
    /// (Chinese has no spaces), timed by the first event inside them; words espeak skipped share the
    /// time of the timed word before them in proportion to their length.
    /// </summary>
    private static List<WordTiming> TimeWords(EspeakRun run, string markup, int leadMs, int speechEnd)
    {
        var positions = CodePointIndex(markup);
        var starts = run.Words.Where(w => w.TextPosition >= 1 && w.TextPosition <= positions.Length - 1)
            .Select(w => (At: positions[w.TextPosition - 1], w.AudioMs)).ToList();
        var runs = new List<(int Start, int End, int? AudioMs)>();
        foreach (var (start, end) in TextRuns(markup))
        {
            var inside = starts.Where(s => s.At >= start && s.At < end).ToList();
            // Split a run only in scripts written without spaces; "3000" or "YW-100234" stay one word however espeak says them.
            var cuts = WrittenWithoutSpaces(markup.AsSpan(start, end - start))
                ? inside.Select(s => s.At).Where(at => at > start).Distinct().Order().ToList()
                : [];
            var pieceStart = start;
            foreach (var cut in cuts.Append(end))
            {
                var first = inside.Where(s => s.At >= pieceStart && s.At < cut).Select(s => (int?)s.AudioMs).FirstOrDefault();
                runs.Add((pieceStart, cut, first));
                pieceStart = cut;
            }
        }

        var words = new List<WordTiming>(runs.Count);
        var i = 0;
        while (i < runs.Count)
        {
            // A timed word and the untimed ones after it share the time until the next timed word.
            var j = i + 1;
            while (j < runs.Count && runs[j].AudioMs is null)
            {
                j++;
            }

            var from = runs[i].AudioMs ?? (words.Count > 0 ? words[^1].OffsetMs + words[^1].DurationMs - leadMs : 0);
            var until = Math.Max(from + j - i, j < runs.Count ? runs[j].AudioMs!.Value : speechEnd);
            var letters = Math.Max(1, runs.Skip(i).Take(j - i).Sum(r => r.End - r.Start));
            var at = (double)from;
            for (var k = i; k < j; k++)
            {
                var share = (until - from) * (double)(runs[k].End - runs[k].Start) / letters;
                var text = Clean(WebUtility.HtmlDecode(markup[runs[k].Start..runs[k].End]));
                if (text.Length > 0)
                {
                    words.Add(new WordTiming(leadMs + (int)Math.Round(at), Math.Max(1, (int)Math.Round(share)), text));
                }

                at += share;
            }

            i = j;
        }

        return words;
    }

    private static bool WrittenWithoutSpaces(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u3040' and <= '\u9FFF') or (>= '\u0E00' and <= '\u0EFF') or (>= '\u1000' and <= '\u109F') or (>= '\u1780' and <= '\u17FF') or (>= '\uF900' and <= '\uFAFF'))
            {
                return true; // kana, CJK, Thai, Lao, Myanmar, Khmer
            }
        }

        return false;
    }

    // Runs of non-space characters in the text nodes of the markup (tags skipped).
    private static IEnumerable<(int Start, int End)> TextRuns(string markup)
    {
        var start = -1;
        var inTag = false;
        for (var i = 0; i <= markup.Length; i++)
        {
            var c = i < markup.Length ? markup[i] : ' ';
            var boundary = inTag || c == '<' || char.IsWhiteSpace(c);
            if (boundary && start >= 0)
            {
                yield return (start, i);
                start = -1;
            }

            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }
    }

    private static string Clean(string word) => word.Trim().Trim(',', '.', '!', '?', ';', ':', '"', '“', '”', '„', '¿', '¡', '(', ')', '«', '»', '，', '。', '、', '！', '？', '；', '：');

    /// <summary>The same tracks stretched to other audio of the same words (a cloud voice that gives no events).</summary>
    public SpeechTimeline ScaleTo(int durationMs)
    {
        if (DurationMs <= 0 || durationMs == DurationMs)
        {
            return this with { DurationMs = durationMs };
        }

        var factor = (double)durationMs / DurationMs;
        int Scale(int ms) => (int)Math.Round(ms * factor);
        var visemes = new List<VisemeTiming>(Visemes.Count) { Visemes[0] with { OffsetMs = Scale(Visemes[0].OffsetMs) } };
        foreach (var viseme in Visemes.Skip(1))
        {
            Add(visemes, Scale(viseme.OffsetMs), viseme.Id);
        }

        return new SpeechTimeline(durationMs,
            [.. Words.Select(w => new WordTiming(Scale(w.OffsetMs), Math.Max(1, Scale(w.DurationMs)), w.Text))],
            visemes);
    }

    // Where speech stops: the last phoneme that is a sound ends at the next event (espeak's closing pause), or with the audio.
    private static int SpeechEnd(EspeakRun run)
    {
        for (var i = run.Phonemes.Count - 1; i >= 0; i--)
        {
            if (VisemeMap.For(run.Phonemes[i].Ipa) != VisemeMap.Silence)
            {
                return i + 1 < run.Phonemes.Count ? run.Phonemes[i + 1].AudioMs : run.DurationMs;
            }
        }

        return 0;
    }

    private static void Add(List<VisemeTiming> visemes, int offsetMs, int id)
    {
        var last = visemes[^1];
        if (last.Id == id)
        {
            return;
        }

        if (offsetMs <= last.OffsetMs)
        {
            if (visemes.Count == 1)
            {
                visemes.Add(new VisemeTiming(last.OffsetMs + 1, id));
                return;
            }

            visemes[^1] = last with { Id = id }; // same instant: the later shape wins
            return;
        }

        visemes.Add(new VisemeTiming(offsetMs, id));
    }

    // UTF-16 index of each code point (espeak counts code points), plus the end.
    private static int[] CodePointIndex(string text)
    {
        var index = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            index.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        index.Add(text.Length);
        return [.. index];
    }
}
