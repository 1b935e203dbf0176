using System.Globalization;
using System.Text;
using System.Xml;

namespace LiveAssist.Presenter.Scripts;

/// <summary>
/// Writes a script as SSML. Everything from the caption goes through <see cref="XmlWriter"/> as text,
/// so a host who says "&lt;break time=&quot;100s&quot;/&gt;" or "&lt;/speak&gt;" is heard saying it.
/// </summary>
public static class SsmlDocument
{
    public const string SynthesisNamespace = "http://www.w3.org/2001/10/synthesis";
    public const string MsttsNamespace = "http://www.w3.org/2001/mstts";

    private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = true, Indent = false, Encoding = new UTF8Encoding(false) };

    /// <summary>Azure's SSML: <c>speak</c> with <c>xml:lang</c>, one <c>voice</c>, <c>prosody rate</c> when faster than natural.</summary>
    public static string Azure(LineScript script, string voice)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = new StringBuilder(script.Text.Length * 2 + 256);
        using (var writer = XmlWriter.Create(builder, Settings))
        {
            writer.WriteStartElement("speak", SynthesisNamespace);
            writer.WriteAttributeString("version", "1.0");
            writer.WriteAttributeString("xmlns", "mstts", null, MsttsNamespace);
            writer.WriteAttributeString("xml", "lang", null, PresenterVoices.Locale(script.Lang));
            writer.WriteStartElement("voice", SynthesisNamespace);
            writer.WriteAttributeString("name", voice);
            var rate = RatePercent(script.Rate);
            if (rate is not null || script.Pitch != 0)
            {
                writer.WriteStartElement("prosody", SynthesisNamespace);
                if (rate is not null)
                {
                    writer.WriteAttributeString("rate", rate);
                }

                if (script.Pitch != 0)
                {
                    writer.WriteAttributeString("pitch", (script.Pitch > 0 ? "+" : string.Empty) + script.Pitch.ToString(CultureInfo.InvariantCulture) + "%");
                }
            }

            WriteSegments(writer, script);
            writer.WriteEndDocument();
        }

        return builder.ToString();
    }

    /// <summary>The subset espeak-ng reads: <c>speak</c> and <c>say-as</c>; voice and rate are set through its API.</summary>
    public static string Espeak(LineScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = new StringBuilder(script.Text.Length * 2 + 32);
        using (var writer = XmlWriter.Create(builder, Settings))
        {
            writer.WriteStartElement("speak");
            WriteSegments(writer, script);
            writer.WriteEndDocument();
        }

        return builder.ToString();
    }

    private static void WriteSegments(XmlWriter writer, LineScript script)
    {
        var ns = writer.LookupPrefix(SynthesisNamespace) is null ? null : SynthesisNamespace;
        foreach (var segment in script.Segments)
        {
            if (segment.SpellOut)
            {
                writer.WriteStartElement("say-as", ns);
                writer.WriteAttributeString("interpret-as", "characters");
                writer.WriteString(Clean(segment.Text));
                writer.WriteEndElement();
            }
            else
            {
                writer.WriteString(Clean(segment.Text));
            }
        }
    }

    // Characters XML 1.0 cannot carry (control codes) are dropped rather than failing the line.
    // Only characters XML allows (a stray U+FFFE from a translator must not make the line fail to speak).
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]) && (text[i] >= ' ' || text[i] is '\t' or '\n' or '\r'))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static string? RatePercent(double rate)
    {
        var percent = (int)Math.Round((rate - 1) * 100);
        return percent >= 2 ? "+" + percent.ToString(CultureInfo.InvariantCulture) + "%" : percent <= -2 ? percent.ToString(CultureInfo.InvariantCulture) + "%" : null;
    }
}
