using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.DirectLine.Tests;

/// <summary>A chat token opens one conversation for a while; it cannot be forged, edited or refreshed forever.</summary>
public sealed class DirectLineTokenServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private DirectLineTokenService Service(string secret = "channel-secret-one") => new(new DirectLineSecret(secret), _time);

    [Fact]
    public void AnIssuedToken_ReadsBackAsTheSameConversationAndUser()
    {
        var service = Service();
        var token = service.Create("conv-1", "dl_buyer", "Ana", "es-MX", 1800);

        var read = service.Read(service.Issue(token));

        Assert.NotNull(read);
        Assert.Equal(("conv-1", "dl_buyer", "Ana", "es-MX"), (read.ConversationId, read.UserId, read.UserName, read.Locale));
        Assert.Equal(token.ExpiresAt.ToUnixTimeSeconds(), read.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public void AnEditedToken_OrOneSignedWithAnotherSecret_IsNotRead()
    {
        var service = Service();
        var issued = service.Issue(service.Create("conv-1", "dl_buyer", null, null, 1800));
        var other = Service("channel-secret-two").Issue(service.Create("conv-1", "dl_buyer", null, null, 1800));
        var dot = issued.IndexOf('.', StringComparison.Ordinal);
        var forged = Service("channel-secret-two").Issue(service.Create("conv-2", "dl_buyer", null, null, 1800));
        var spliced = forged[..forged.IndexOf('.', StringComparison.Ordinal)] + issued[dot..]; // another conversation's payload, our signature

        Assert.Null(service.Read(other));
        Assert.Null(service.Read(spliced));
        Assert.Null(service.Read(issued[..dot]));
        Assert.Null(service.Read("not a token"));
        Assert.Null(service.Read(issued[..dot] + ".!!!"));
    }

    [Fact]
    public void AToken_ExpiresAfterItsLifetime()
    {
        var service = Service();
        var token = service.Create("conv-1", null, null, null, 60);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(service.IsExpired(token));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(service.IsExpired(token));
    }

    [Fact]
    public void RefreshingKeepsTheConversationsStart_SoRefreshingHasAnEnd()
    {
        var service = Service();
        var first = service.Create("conv-1", "dl_buyer", null, null, 1800);
        _time.Advance(TimeSpan.FromMinutes(25));
        var renewed = service.Read(service.Issue(service.Renew(first, 1800)))!;

        Assert.True(renewed.ExpiresAt > first.ExpiresAt);
        Assert.Equal(first.StartedAt.ToUnixTimeSeconds(), renewed.StartedAt.ToUnixTimeSeconds());
        Assert.False(service.IsPastMaxAge(renewed, TimeSpan.FromHours(1)));
        _time.Advance(TimeSpan.FromMinutes(36));
        Assert.True(service.IsPastMaxAge(renewed, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void OnlyTheChannelSecretItself_IsTheSecret()
    {
        var service = Service();
        Assert.True(service.IsSecret("channel-secret-one"));
        Assert.False(service.IsSecret("channel-secret-on"));
        Assert.False(service.IsSecret(service.Issue(service.Create("conv-1", null, null, null, 60))));
    }
}
