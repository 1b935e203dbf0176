using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.DirectLine;

namespace LiveAssist.Host.IntegrationTests.BuyerQa;

/// <summary>
/// What the host console reads and sends for buyer questions with the default (offline) engines: the question in
/// Chinese through the phrasebook, no product tag the buyer never mentioned, a reply previewed with what the buyer
/// gets and its back-translation, what was sent kept, and leads with the real question, once, in Chinese columns.
/// </summary>
public sealed class MerchantConsoleApiTests
{
    [Fact]
    public async Task SpanishQuestion_ShownInChinese_NotTaggedWithTheProductOnScreen_ReplyPreviewedAndBackTranslated()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        var dl = new DirectLineClient(host.Client);
        var credentials = await dl.ChatTokenAsync("es");
        var token = credentials.GetProperty("token").GetString()!;
        var conversation = (await dl.StartAsync(token)).GetProperty("conversationId").GetString()!;
        await dl.PostMessageAsync(token, conversation, "¿Aceptan PayPal?", credentials.GetProperty("userId").GetString()!, "es-ES", session);
        var (_, watermark) = await dl.GetActivitiesAsync(token, conversation);

        var question = Assert.Single(await host.QuestionsAsync(session, key));
        Assert.Equal("¿Aceptan PayPal?", question.GetProperty("question").GetString());
        Assert.Equal("可以用PayPal付款吗？", question.GetProperty("questionZh").GetString());
        Assert.Equal("offline-memory", question.GetProperty("questionZhEngine").GetString());
        Assert.Equal(JsonValueKind.Null, question.GetProperty("productId").ValueKind); // the flask on screen is not what PayPal is about
        var path = $"/api/sessions/{session}/questions/{question.GetProperty("id").GetString()}/reply";

        // Preview of a phrasebook reply: the buyer's Spanish and the same in Chinese again; nothing is sent yet.
        var preview = await PostAsync(host, path + "/preview", key, "欢迎来义乌");
        Assert.Contains("Bienvenido a Yiwu", preview.GetProperty("sent").GetString(), StringComparison.Ordinal);
        Assert.Equal("欢迎来义乌", preview.GetProperty("backZh").GetString());
        Assert.Equal("open", Assert.Single(await host.QuestionsAsync(session, key)).GetProperty("status").GetString());

        // A reply outside the phrasebook is a word-by-word draft: Yiwu stays Yiwu (not "Laiyi township ... crow"),
        // and with no engine to translate it back the console gets no back-translation rather than a made-up one.
        var draft = await PostAsync(host, path + "/preview", key, "欢迎你们来义乌看看我们的新款");
        Assert.True(draft.GetProperty("draft").GetBoolean());
        Assert.Contains("Yiwu", draft.GetProperty("sent").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Laiyi", draft.GetProperty("sent").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("backZh").ValueKind);

        // Sent: the queue keeps what the buyer received and its back-translation.
        var sent = await PostAsync(host, path, key, "欢迎来义乌");
        Assert.Equal("欢迎来义乌", sent.GetProperty("backZh").GetString());
        var answered = Assert.Single(await host.QuestionsAsync(session, key));
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        Assert.Equal(sent.GetProperty("sent").GetString(), answered.GetProperty("replySent").GetString());
        Assert.Equal("欢迎来义乌", answered.GetProperty("replyBackZh").GetString());
        var received = Assert.Single((await dl.GetActivitiesAsync(token, conversation, watermark)).Activities).GetProperty("text").GetString();
        Assert.Equal(sent.GetProperty("sent").GetString(), received);
    }

    [Fact]
    public async Task Leads_KeepTheRealQuestion_OnceAcrossChats_CsvInChineseWithBom()
    {
        await using var host = QaHost.Start();
        var (session, key) = await host.CreateSessionAsync("YW-100234");
        foreach (var conversation in new[] { "ana-webchat", "ana-teams" })
        {
            await host.AskAsync("price for 3000 pcs to Brazil?", "en", session, conversation: conversation, user: "ana");
            await host.AskAsync("yes", "en", session, conversation: conversation, user: "ana"); // an answer, not the question
            await host.AskAsync("quote request", "en", session, conversation: conversation, user: "ana");
            await host.AskAsync("ana@example.com.br", "en", session, conversation: conversation, user: "ana");
            await host.AskAsync("yes", "en", session, conversation: conversation, user: "ana");
        }

        using var response = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads", key);
        response.EnsureSuccessStatusCode();
        var lead = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("price for 3000 pcs to Brazil?", lead.GetProperty("question").GetString());
        Assert.Equal(3000, lead.GetProperty("quantity").GetInt32());

        using var csv = await host.HostSendAsync(HttpMethod.Get, $"/api/sessions/{session}/leads.csv", key);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]); // Excel reads it as UTF-8
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("时间(UTC),商品编号,商品,数量,单价,总价,币种,国家", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
    }

    private static async Task<JsonElement> PostAsync(QaHost host, string path, string key, string text)
    {
        using var response = await host.HostSendAsync(HttpMethod.Post, path, key, new { text });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
