namespace LiveAssist.Operator.Accounts;

/// <summary>
/// Server-side record of studio and operator sign-ins (<see cref="OperatorSessions"/> in <c>operator.db</c>; with Redis,
/// shared by every host, so a merchant signed in on one host is signed in on all, and signing out ends it on all).
/// </summary>
public interface IOperatorSessions
{
    Task<string> StartAsync(string name, CancellationToken cancellationToken);

    Task<bool> IsActiveAsync(string? id, CancellationToken cancellationToken);

    Task EndAsync(string id, CancellationToken cancellationToken);
}
