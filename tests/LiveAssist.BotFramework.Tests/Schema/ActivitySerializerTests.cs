using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.Tests.Schema;

public sealed class ActivitySerializerTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1700000000000",
          "timestamp": "2026-11-01T08:00:00.000Z",
          "localTimestamp": "2026-11-01T16:00:00.000+08:00",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Ada", "aadObjectId": "00000000-0000-0000-0000-000000000001", "userPrincipalName": "ada@contoso.com" },
          "conversation": { "id": "19:x@thread.tacv2;messageid=1", "conversationType": "channel", "tenantId": "t1", "isGroup": true },
          "recipient": { "id": "28:app", "name": "LiveAssist" },
          "textFormat": "plain",
          "text": "<at>LiveAssist</at> price for 3000 pcs?",
          "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive", "content": { "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "Hi" } ] } } ],
          "entities": [
            { "type": "mention", "text": "<at>LiveAssist</at>", "mentioned": { "id": "28:app", "name": "LiveAssist" } },
            { "type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web" },
            { "type": "https://schema.org/Message", "@context": "https://schema.org", "keywords": ["a", "b"] }
          ],
          "suggestedActions": { "actions": [ { "type": "imBack", "title": "MOQ?", "value": "MOQ?" } ] },
          "channelData": { "tenant": { "id": "t1" }, "teamsChannelId": "19:x@thread.tacv2", "team": { "id": "19:team" }, "nested": { "deep": [1, 2, { "k": null }] } },
          "locale": "en-US",
          "futureField": { "added": "in 2027" },
          "anotherUnknown": 42
        }
        """;

    [Fact]
    public void RoundTrip_TeamsMessageWithUnknownFields_NothingLost()
    {
        var activity = ActivitySerializer.Deserialize(TeamsMessage);

        var written = JsonNode.Parse(ActivitySerializer.Serialize(activity))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TeamsMessage), written), written.ToJsonString());
    }

    [Fact]
    public void Deserialize_TypedViews_ReadTheWireFields()
    {
        var activity = ActivitySerializer.Deserialize(TeamsMessage);

        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal("t1", activity.Conversation!.TenantId);
        Assert.Equal(Attachment.AdaptiveCardContentType, activity.Attachments![0].ContentType);
        Assert.Equal("imBack", activity.SuggestedActions!.Actions![0].Type);
        var mention = activity.Entities![0].AsMention();
        Assert.Equal("28:app", mention!.Mentioned!.Id);
        Assert.Null(activity.Entities[1].AsMention());
        Assert.Equal("19:x@thread.tacv2", activity.GetChannelDataString("teamsChannelId"));
    }

    [Fact]
    public void Serialize_NullFieldsOmittedAndCamelCase()
    {
        var json = ActivitySerializer.Serialize(new Activity { Type = "message", Text = "hi", ReplyToId = "7" });

        Assert.Equal("""{"type":"message","text":"hi","replyToId":"7"}""", json);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"message\"")]
    [InlineData("{\"type\": 5}")]
    public void Deserialize_Malformed_ThrowsJsonException(string json)
        => Assert.ThrowsAny<System.Text.Json.JsonException>(() => ActivitySerializer.Deserialize(json));
}
