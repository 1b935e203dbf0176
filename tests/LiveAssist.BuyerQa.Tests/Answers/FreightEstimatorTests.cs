using LiveAssist.BuyerQa.Answers;
using LiveAssist.Catalog.Client;
using LiveAssist.Dialogs.Content;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.BuyerQa.Tests.Answers;

/// <summary>A freight estimate from the product's carton data and the operator's rate table (<c>dialogs/freight/rates.json</c>, a temp copy here).</summary>
public sealed class FreightEstimatorTests : IDisposable
{
    private const string Rates = """
        {"currency": "USD", "regions": {"latam": {"countries": ["BR", "MX"], "seaPerCbm": 100, "seaMinimum": 50, "airPerKg": 8,
          "fobPerCbm": 20, "dutyPercent": 10, "clearance": 30, "seaDays": 40}}}
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "liveassist-freight-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new();
    private readonly FreightEstimator _estimator;

    public FreightEstimatorTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dialogs", "freight"));
        File.WriteAllText(Path.Combine(_root, "dialogs", "freight", "rates.json"), Rates);
        _estimator = new FreightEstimator(new FreightRates(new ContentFiles(Path.Combine(_root, "dialogs"), Path.Combine(_root, "locales")), _time, NullLogger<FreightRates>.Instance));
    }

    // 100 cups a carton of 50×40×30 cm (0.06 m³), 0.3 kg a cup.
    private static Product Cup(params string[] incoterms) => new()
    {
        Id = "YW-100234",
        Shipping = new ShippingFacts { CartonQty = 100, CartonSizeCm = [50, 40, 30], WeightKg = 0.3m, Incoterms = [.. incoterms] },
    };

    [Fact]
    public void PartCartons_AreShippedAsWholeCartons()
    {
        var estimate = _estimator.Estimate(Cup(), 250, "BR", "CIF", 1.85m)!;
        Assert.Equal(3, estimate.Cartons);
        Assert.Equal(0.18m, estimate.Cbm);
        Assert.Equal(75m, estimate.Kg);
        Assert.Equal(Math.Round(250 * 1.85m, 2), estimate.Goods);
    }

    [Fact]
    public void EachIncoterm_CarriesWhatItPromises()
    {
        var exw = _estimator.Estimate(Cup(), 1000, "BR", "EXW", 2m)!;
        var fob = _estimator.Estimate(Cup(), 1000, "BR", "fob", 2m)!;
        var cif = _estimator.Estimate(Cup(), 1000, "BR", "CIF", 2m)!;
        var ddp = _estimator.Estimate(Cup(), 1000, "BR", "DDP", 2m)!;

        Assert.Equal(0m, exw.Freight);
        Assert.Equal("FOB", fob.Incoterm);
        Assert.True(fob.Freight > 0);
        Assert.True(cif.Freight > fob.Freight); // sea freight on top of port charges
        Assert.Equal(cif.Freight + Math.Round(ddp.Goods * 0.10m, 2) + 30m, ddp.Freight); // duty and clearance on top
        Assert.All(new[] { exw, fob, cif, ddp }, e => Assert.Equal(e.Goods + e.Freight, e.Total));
        Assert.Equal("USD", cif.Currency);
    }

    [Fact]
    public void ASmallOrder_PaysTheSeaMinimum()
    {
        var one = _estimator.Estimate(Cup(), 1, "BR", "CIF", 2m)!;
        var fob = _estimator.Estimate(Cup(), 1, "BR", "FOB", 2m)!;
        Assert.Equal(50m, one.Freight - fob.Freight);
    }

    [Fact]
    public void WithoutATerm_DdpIsQuotedWhenOffered_ElseCif()
    {
        Assert.Equal("DDP", _estimator.Estimate(Cup("FOB", "DDP"), 100, "BR", null, 2m)!.Incoterm);
        Assert.Equal("CIF", _estimator.Estimate(Cup(), 100, "BR", null, 2m)!.Incoterm);
        Assert.Equal("FOB", _estimator.Estimate(Cup("FOB"), 100, "BR", null, 2m)!.Incoterm);
    }

    [Fact]
    public void NoEstimate_IsGiven_WithoutRatesForTheCountryOrCartonData()
    {
        Assert.Null(_estimator.Estimate(Cup(), 100, "DE", "CIF", 2m));
        Assert.Null(_estimator.Estimate(new Product { Id = "X-100" }, 100, "BR", "CIF", 2m));
        Assert.Null(_estimator.Estimate(Cup(), 0, "BR", "CIF", 2m));
    }

    [Fact]
    public void ABrokenEditOfTheRateTable_KeepsTheLastGoodOneServing()
    {
        var before = _estimator.Estimate(Cup(), 100, "BR", "CIF", 2m)!;
        var path = Path.Combine(_root, "dialogs", "freight", "rates.json");
        File.WriteAllText(path, "{ \"regions\": ");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(before, _estimator.Estimate(Cup(), 100, "BR", "CIF", 2m));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
