using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace LiveAssist.ShopCatalog.Import;

/// <summary>One spreadsheet row as the merchant sees it: its number in Excel (the header is row 1) and its cells.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells);

/// <summary>A spreadsheet read whole (bounded), or why it cannot be read, in Chinese first.</summary>
public sealed record ProductSheet(IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows, string? Problem)
{
    private const int MaxCellChars = 4000;
    private const long MaxUnzippedBytes = 64L * 1024 * 1024;
    private const int MaxZipEntries = 2000;

    static ProductSheet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static ProductSheet Refused(string problem) => new([], [], problem);

    /// <summary>Reads CSV (UTF-8 with or without BOM, or GB18030 as Chinese Excel and WPS save it) or XLSX, by content.</summary>
    public static ProductSheet Read(byte[] file, int maxRows)
    {
        if (file.Length == 0)
        {
            return Refused("文件是空的。The file is empty.");
        }

        var isZip = file.Length > 4 && file[0] == 0x50 && file[1] == 0x4B && file[2] == 0x03 && file[3] == 0x04;
        try
        {
            var rows = isZip ? ReadXlsx(file, maxRows) : ReadCsv(file, maxRows);
            if (rows is null)
            {
                return Refused($"行数太多：一次最多导入 {maxRows} 行，请分成几个文件。At most {maxRows} rows per import; split the file.");
            }

            var nonEmpty = rows.Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
            if (nonEmpty.Count == 0)
            {
                return Refused("文件里没有内容。The file has no rows.");
            }

            if (nonEmpty.SelectMany(r => r.Cells).Any(c => c.Length > MaxCellChars))
            {
                return Refused($"有的格子太长（超过 {MaxCellChars} 个字）。A cell is longer than {MaxCellChars} characters.");
            }

            return new ProductSheet(nonEmpty[0].Cells, nonEmpty.Skip(1).ToList(), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or CsvHelperException or InvalidOperationException or FormatException or IOException or System.Xml.XmlException)
        {
            return Refused(isZip
                ? "读不了这个 Excel 文件，请用“另存为 .xlsx”或 CSV 再试。This XLSX file cannot be read; save it again as .xlsx or CSV."
                : "读不了这个 CSV 文件，请用 Excel 或 WPS“另存为 CSV”再试。This CSV file cannot be read; save it again as CSV.");
        }
    }

    private static List<SheetRow>? ReadCsv(byte[] file, int maxRows)
    {
        var text = Decode(file);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Delimiter = DelimiterOf(text),
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, configuration);
        var rows = new List<SheetRow>();
        while (csv.Read())
        {
            if (rows.Count > maxRows)
            {
                return null;
            }

            rows.Add(new SheetRow(csv.Parser.Row, csv.Parser.Record ?? []));
        }

        return rows;
    }

    // Excel writes ',' (';' where the decimal mark is ','), a copy from a sheet is tab-separated: the header row tells.
    private static string DelimiterOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        var commas = header.Count(c => c == ',');
        return header.Contains('\t', StringComparison.Ordinal) ? "\t" : header.Count(c => c == ';') > commas ? ";" : ",";
    }

    // Excel on a Chinese Windows saves "CSV" in GB18030; anything that is not valid UTF-8 is read as that.
    private static string Decode(byte[] file)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(file);
        }
    }

    private static List<SheetRow>? ReadXlsx(byte[] file, int maxRows)
    {
        // A zip can claim little and unpack to gigabytes: its entries are counted and measured before any is read.
        using (var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read))
        {
            if (zip.Entries.Count > MaxZipEntries || zip.Entries.Sum(e => e.Length) > MaxUnzippedBytes)
            {
                throw new InvalidDataException("too large when unpacked");
            }
        }

        using var stream = new MemoryStream(file);
        var rows = new List<SheetRow>();
        var number = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            number++;
            if (rows.Count > maxRows)
            {
                return null;
            }

            rows.Add(new SheetRow(number, row.Values.Select(Cell).ToList()));
        }

        return rows;
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty,
    };
}
