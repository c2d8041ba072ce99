// MVC controllers with CORS attributes and header writes.
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CorpusApp.Controllers;

[ApiController]
[Route("api/[controller]")]
[EnableCors("Frontend")]
public class OrdersController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok(new[] { 1, 2, 3 });

    [HttpGet("public")]
    [EnableCors("Everyone")]
    public IActionResult GetPublic() => Ok("public");

    [HttpGet("private")]
    [DisableCors]
    public IActionResult GetPrivate() => Ok("private");

    [HttpGet("typo")]
    [EnableCors("frontend")]
    public IActionResult GetTypo() => Ok("typo");

    [HttpOptions("echo")]
    public IActionResult Preflight()
    {
        var origin = Request.Headers.Origin.ToString();
        Response.Headers.AccessControlAllowOrigin = origin;
        Response.Headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE";
        Response.Headers.Append("Access-Control-Allow-Headers", "*");
        Response.Headers.Add("Access-Control-Max-Age", "86400");
        return NoContent();
    }

    [HttpPost("forward")]
    public async Task<IActionResult> Forward([FromServices] IHttpClientFactory factory)
    {
        var client = factory.CreateClient("backend");
        var message = new HttpRequestMessage(HttpMethod.Post, "orders");
        message.Headers.TryAddWithoutValidation("Access-Control-Allow-Credentials", "true");
        message.Headers.Add("X-Request-Id", Guid.NewGuid().ToString());
        Request.Headers.Append("Access-Control-Expose-Headers", "X-Total-Count");
        var response = await client.SendAsync(message);
        return StatusCode((int)response.StatusCode);
    }
}

[EnableCors]
public class HomeController : Controller
{
    public IActionResult Index()
    {
        HttpContext.Response.Headers["Access-Control-Allow-Origin"] = "*";
        HttpContext.Response.Headers[Microsoft.Net.Http.Headers.HeaderNames.AccessControlAllowCredentials] = "true";
        return Content("home");
    }
}

public sealed class AllowAllCorsFilter : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers["Access-Control-Allow-Origin"] = context.HttpContext.Request.Headers["Origin"];
        headers["Access-Control-Allow-Credentials"] = "true";
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
