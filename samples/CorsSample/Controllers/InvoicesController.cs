using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;

namespace CorsSample.Controllers;

[ApiController]
[Route("invoices")]
public sealed class InvoicesController : ControllerBase
{
    // CORS008: "Frontent" is not a policy ("Frontend" is): this endpoint gets no CORS headers.
    [EnableCors("Frontent")]
    [HttpGet]
    public string[] Get() => ["INV-1", "INV-2"];
}
