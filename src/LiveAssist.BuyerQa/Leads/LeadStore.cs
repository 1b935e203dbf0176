using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveAssist.BuyerQa.Handoff;
using Microsoft.Extensions.Options;

namespace LiveAssist.BuyerQa.Leads;

/// <summary>Quote requests in SQLite, exported as CSV for the merchant.</summary>
public sealed partial class LeadStore(BuyerQaDatabase db, IOptions<BuyerQaOptions> options) : ILeadStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]+|\+?\d[\d\s()-]{7,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex ContactPattern();

    /// <summary>An e-mail address or phone number the buyer wrote, if any.</summary>
    public static string? FindContact(string text) => ContactPattern().Match(text) is { Success: true } m ? m.Value.Trim() : null;

    public static string NewId() => "lead-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    /// <summary>
    /// Keeps the lead, unless its conversation already left the same request (product, quantity, country, contact)
    /// or as many as <see cref="BuyerQaOptions.MaxLeadsPerConversation"/>.
    /// </summary>
    public Task AddAsync(Lead lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var json = JsonSerializer.Serialize(lead, Json);
        return db.Database.WriteAsync(async connection =>
        {
            await using (var existing = connection.CreateCommand())
            {
                existing.CommandText = """
                    SELECT count(*), coalesce(sum(json_extract(json, '$.productId') IS $product AND json_extract(json, '$.quantity') IS $quantity
                        AND json_extract(json, '$.country') IS $country AND json_extract(json, '$.contact') IS $contact), 0)
                    FROM leads WHERE session_id IS $session AND json_extract(json, '$.conversationId') = $conversation
                    """;
                existing.Parameters.AddWithValue("$session", (object?)lead.SessionId ?? DBNull.Value);
                existing.Parameters.AddWithValue("$conversation", lead.ConversationId);
                existing.Parameters.AddWithValue("$product", lead.ProductId);
                existing.Parameters.AddWithValue("$quantity", lead.Quantity);
                existing.Parameters.AddWithValue("$country", (object?)lead.Country ?? DBNull.Value);
                existing.Parameters.AddWithValue("$contact", (object?)lead.Contact ?? DBNull.Value);
                await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    && (reader.GetInt64(0) >= options.Value.MaxLeadsPerConversation || reader.GetInt64(1) > 0))
                {
                    return 0;
                }
            }

            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO leads (id, session_id, created_at, json) VALUES ($id, $session, $created, $json)";
            command.Parameters.AddWithValue("$id", lead.Id);
            command.Parameters.AddWithValue("$session", (object?)lead.SessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", lead.CreatedAt.UtcDateTime.ToString("O"));
            command.Parameters.AddWithValue("$json", json);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Lead>> ListAsync(string sessionId, CancellationToken cancellationToken)
        => await db.Database.ReadJsonAsync<Lead>("SELECT json FROM leads WHERE session_id = $session ORDER BY created_at", Json, cancellationToken, ("$session", sessionId))
            .ConfigureAwait(false);

    /// <summary>
    /// One lead per request: the same product, quantity, country and contact asked again (another chat, another channel) is the
    /// same lead for the merchant, kept with its first time.
    /// </summary>
    public static IReadOnlyList<Lead> Distinct(IEnumerable<Lead> leads)
        => [.. (leads ?? throw new ArgumentNullException(nameof(leads)))
            .DistinctBy(l => (l.ProductId.ToUpperInvariant(), l.Quantity, l.Country?.ToUpperInvariant(), (l.Contact ?? l.ConversationId).ToLowerInvariant()))];

    /// <summary>RFC 4180 CSV with a header row in Chinese (the merchant's spreadsheet); cells that a spreadsheet would run as formulas are defused.</summary>
    public static string ToCsv(IEnumerable<Lead> leads)
    {
        var csv = new StringBuilder("时间(UTC),商品编号,商品,数量,单价,总价,币种,国家,买家语言,渠道,会话编号,联系方式,买家问题\r\n");
        foreach (var l in leads)
        {
            string[] cells =
            [
                l.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), l.ProductId, l.ProductTitle,
                l.Quantity.ToString(CultureInfo.InvariantCulture), l.UnitPrice.ToString(CultureInfo.InvariantCulture), l.Total.ToString(CultureInfo.InvariantCulture),
                l.Currency, l.Country ?? string.Empty, l.BuyerLanguage, l.Channel, l.ConversationId, l.Contact ?? string.Empty, l.Question,
            ];
            csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Cell(string value)
    {
        // A buyer's text starting with = + - @ would run as a formula in Excel: prefix it so it stays text.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
