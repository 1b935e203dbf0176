using System.Security.Claims;
using System.Text;
using LiveAssist.Catalog.Client;
using LiveAssist.Sessions.Access;
using LiveAssist.ShopCatalog.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiveAssist.ShopCatalog;

/// <summary>
/// The studio's product management under <c>/api/shop</c> (merchant sign-in; the shop is the account's), and the
/// uploaded pictures under <c>/media/pictures</c> (public, like the product cards that show them). Every refusal
/// says in Chinese first what to change; nothing is half-saved.
/// </summary>
public static class ShopCatalogEndpoints
{
    public static IEndpointRouteBuilder MapShopCatalog(this IEndpointRouteBuilder app, string rateLimitPolicy)
    {
        ArgumentNullException.ThrowIfNull(app);
        var shop = app.MapGroup("/api/shop").RequireAuthorization(StudioPolicies.Merchant).RequireRateLimiting(rateLimitPolicy);
        shop.MapGet("/products", ListAsync);
        shop.MapGet("/products/{id}", GetAsync);
        shop.MapPut("/products/{id}", SaveAsync);
        shop.MapPost("/pictures", UploadPictureAsync);
        shop.MapPost("/import/preview", (HttpContext c, ShopProducts p, IOptions<ShopCatalogOptions> o, CancellationToken t) => ImportAsync(c, p, o, commit: false, t));
        shop.MapPost("/import", (HttpContext c, ShopProducts p, IOptions<ShopCatalogOptions> o, CancellationToken t) => ImportAsync(c, p, o, commit: true, t));
        shop.MapGet("/import/template.csv", Template);
        app.MapGet(PictureStore.UrlPrefix + "{name}", (string name, PictureStore pictures, HttpContext context) =>
        {
            if (pictures.Find(name) is not { } file)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable"; // the name is the content's hash
            return Results.File(file.Path, file.ContentType);
        }).RequireRateLimiting(rateLimitPolicy);
        return app;
    }

    private static async Task<IResult> ListAsync(string? q, int? page, ClaimsPrincipal user, ShopProducts products, CancellationToken cancellationToken)
    {
        if (ShopAccount.ShopOf(user) is not { } shopId)
        {
            return NoShop();
        }

        var query = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(100, q.Trim().Length)];
        var found = await products.ListAsync(shopId, query, Math.Max(1, page ?? 1), cancellationToken).ConfigureAwait(false);
        return Results.Json(new { shopId, found.Items, found.Total, found.Page, found.PageSize }, CatalogJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, ShopProducts products, CancellationToken cancellationToken)
    {
        if (ShopAccount.ShopOf(user) is not { } shopId)
        {
            return NoShop();
        }

        var (product, refusal) = await products.GetAsync(shopId, id, cancellationToken).ConfigureAwait(false);
        return product is not null ? Results.Json(product, CatalogJson.Options) : Refused(refusal, id, null);
    }

    private static async Task<IResult> SaveAsync(string id, bool? create, HttpRequest request, ClaimsPrincipal user, ShopProducts products, CancellationToken cancellationToken)
    {
        if (ShopAccount.ShopOf(user) is not { } shopId)
        {
            return NoShop();
        }

        Product? product;
        try
        {
            product = await request.ReadFromJsonAsync<Product>(CatalogJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return Problem(400, "内容看不懂 Not a product", "提交的内容不是商品。The body is not a product in JSON.");
        }

        if (product is null)
        {
            return Problem(400, "内容看不懂 Not a product", "提交的内容不是商品。The body is not a product in JSON.");
        }

        product.Id = id;
        var (saved, refusal, error) = await products.SaveAsync(shopId, product, create == true, cancellationToken).ConfigureAwait(false);
        return saved is not null ? Results.Json(saved, CatalogJson.Options) : Refused(refusal, id, error);
    }

    private static async Task<IResult> UploadPictureAsync(HttpContext context, PictureStore pictures, IOptions<ShopCatalogOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxPictureBytes;
        var (bytes, tooLarge) = await ReadBoundedAsync(context, limit, cancellationToken).ConfigureAwait(false);
        if (tooLarge)
        {
            return Problem(413, "图片太大 Picture too large", $"图片最大 {Megabytes(limit)}，请压缩后再传。A picture may be at most {Megabytes(limit)}.");
        }

        var saved = await pictures.SaveAsync(bytes, cancellationToken).ConfigureAwait(false);
        return saved.Refusal switch
        {
            PictureRefusal.NotAPicture => Problem(415, "不是图片 Not a picture",
                "这个文件不是图片。请传 JPG、PNG、GIF 或 WebP 格式的照片。The file is not a picture: send JPG, PNG, GIF or WebP."),
            PictureRefusal.StoreFull => Problem(507, "图片空间满了 Picture storage full",
                "服务器上放图片的空间满了，请管理员清理或调大 ShopCatalog:MaxPictureStoreMegabytes。The picture storage is full."),
            _ => Results.Json(new { url = saved.Url }),
        };
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ShopProducts products, IOptions<ShopCatalogOptions> options, bool commit, CancellationToken cancellationToken)
    {
        if (ShopAccount.ShopOf(context.User) is not { } shopId)
        {
            return NoShop();
        }

        var limit = options.Value.MaxImportBytes;
        var (bytes, tooLarge) = await ReadBoundedAsync(context, limit, cancellationToken).ConfigureAwait(false);
        if (tooLarge)
        {
            return Problem(413, "文件太大 File too large",
                $"文件太大了：一次最多 {Megabytes(limit)}。请分成几个文件导入，什么都没有保存。The file is larger than {Megabytes(limit)}; nothing was saved.");
        }

        var sheet = ProductSheet.Read(bytes, options.Value.MaxImportRows);
        if (sheet.Problem is not null)
        {
            return Problem(400, "文件读不了 Cannot read the file", sheet.Problem + " 什么都没有保存。Nothing was saved.");
        }

        var outcome = await products.ImportAsync(shopId, sheet, commit, cancellationToken).ConfigureAwait(false);
        if (outcome.Problem is not null)
        {
            return Problem(400, "文件读不了 Cannot read the file", outcome.Problem + " 什么都没有保存。Nothing was saved.");
        }

        return Results.Json(new
        {
            saved = commit,
            rows = outcome.Rows,
            ready = outcome.Ready,
            rejected = outcome.Rejected,
            ignoredColumns = outcome.IgnoredColumns,
            inserted = outcome.Inserted,
            updated = outcome.Updated,
        });
    }

    // The template a merchant fills in Excel or WPS: Chinese headers, one example row, a BOM so Excel reads UTF-8.
    private static IResult Template()
    {
        const string Csv = "编号,名称,英文名称,名称.es,描述,英文描述,分类,单位,英文单位,起订量,价格阶梯,币种,库存,交期天数,规格,认证,定制logo,logo起订量,样品价,图片\r\n"
            + "CG-2001,316不锈钢保温杯 600ml,316 Stainless Steel Vacuum Flask 600ml,Termo de acero inoxidable 316 600ml,双层真空，保温24小时,\"Double-wall vacuum, keeps hot 24 hours\",household/drinkware,个,piece,300,300:2.10;1000:1.85;5000:1.60,USD,义乌仓:CN:8000;迪拜海外仓:AE:500,10,CG-2001-BLK=黑色/Black;CG-2001-PNK=粉色/Pink,FDA;LFGB,是,1000,6,\r\n";
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv)).ToArray(), "text/csv; charset=utf-8", "商品导入模板.csv");
    }

    // The body, up to the limit: a larger Content-Length is refused before reading, a chunked body as soon as it passes the limit.
    private static async Task<(byte[] Bytes, bool TooLarge)> ReadBoundedAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > limit)
        {
            return ([], true);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return ([], true);
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return (buffer.ToArray(), false);
    }

    private static IResult Refused(ShopRefusal refusal, string id, string? error) => refusal switch
    {
        ShopRefusal.Unknown => Problem(404, "没有这个商品 Unknown product", $"你的店铺里没有编号 {Short(id)} 的商品。There is no product {Short(id)} in your shop."),
        ShopRefusal.OtherShop => Problem(403, "别的店铺的商品 Another shop's product",
            $"编号 {Short(id)} 是别的店铺的商品，不能修改；新商品请换一个编号。Product {Short(id)} belongs to another shop; use another id for a new product."),
        ShopRefusal.Exists => Problem(409, "编号已经用过 Id in use",
            $"你的店铺已经有编号 {Short(id)} 的商品，请换一个编号，或者去修改那个商品。Your shop already has a product {Short(id)}."),
        _ => Problem(400, "商品信息不完整 Product not valid", (error ?? "商品信息不对。The product is not valid.") + " 什么都没有保存。Nothing was saved."),
    };

    private static IResult NoShop() => Problem(409, "账号没有店铺 No shop on this account",
        "你的账号还没有绑定店铺编号，不能管理商品。请管理员在账号设置里填上店铺编号（Operator:Accounts:N:ShopId）。This account has no shop id.");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";

    private static string Short(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
