using System.Threading.Tasks;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4003_HardCodedEndpointTests
{
    private const string OpenApiStub = """
        namespace Microsoft.OpenApi.Models
        {
            public sealed class OpenApiContact { public System.Uri? Url { get; set; } public string? Email { get; set; } }
            public sealed class OpenApiLicense { public System.Uri? Url { get; set; } }
            public sealed class OpenApiInfo { public System.Uri? TermsOfService { get; set; } public OpenApiContact? Contact { get; set; } }
        }
        namespace Confluent.Kafka
        {
            public class ClientConfig { public string? BootstrapServers { get; set; } }
            public sealed class ProducerConfig : ClientConfig { }
        }
        """;

    private static AnalyzerTest Create(string source)
    {
        var test = AnalyzerVerifier<HardCodedEndpointAnalyzer>.Create(source);
        test.StubSources.Add(OpenApiStub);
        return test;
    }

    [Fact]
    public Task Base_address_is_reported_with_scheme_and_host_only()
    {
        var test = Create("""
            class C
            {
                void M(HttpClient client) => client.BaseAddress = new Uri({|#0:"https://svc:hunter2@orders-api.corp.internal:8443/v1/?key=abc"|});
            }
            """);
        test.ExpectedMessages[0] = "Hard-coded endpoint 'https://orders-api.corp.internal:8443': each environment has its own address, so moving the service needs a rebuild; read it from configuration (an options class bound to a key such as \"Services:Orders:BaseUrl\") or service discovery";
        return test.RunAsync();
    }

    [Fact]
    public Task Requests_clients_listen_urls_and_ip_addresses_are_reported()
        => Create("""
            using System.Net;
            using Confluent.Kafka;
            class C
            {
                const string Payments = "https://payments.corp.internal";
                async Task M(HttpClient client, WebApplication app, IServiceCollection services)
                {
                    await client.GetAsync([|"https://inventory.corp.internal/api/stock"|]);
                    await client.PostAsync([|Payments + "/charges"|], null);
                    await client.GetStringAsync([|$"https://inventory.corp.internal/api/stock/{42}"|]);
                    var request = new HttpRequestMessage(HttpMethod.Get, [|"http://10.0.4.17:8080/health"|]);
                    services.AddHttpClient("orders", c => c.BaseAddress = new Uri([|"https://orders.corp.internal/"|]));
                    app.Urls.Add([|"http://orders.corp.internal:5000"|]);
                    var socket = new UriBuilder("https", "orders.corp.internal") { Host = [|"10.0.4.17"|] };
                    var config = new ProducerConfig { BootstrapServers = [|"kafka-1.corp.internal:9092,kafka-2.corp.internal:9092"|] };
                }
            }
            """).RunAsync();

    [Fact]
    public Task Loopback_documentation_links_relative_paths_and_non_endpoints_are_not_reported()
        => Create("""
            using System.Xml.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.OpenApi.Models;
            [Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
                const string Docs = "https://docs.orders.corp.internal/runbook";
                [HttpGet("https://not-an-endpoint.corp.internal")]
                public IActionResult Get() => Redirect("https://status.corp.internal");
                async Task M(HttpClient client, WebApplication app, IWebHostBuilder host, string baseUrl, IServiceCollection services)
                {
                    host.UseUrls("http://0.0.0.0:8080", "http://*:8081", "http://+:8082");
                    app.Urls.Add("http://localhost:5000");
                    await client.GetAsync("/api/orders");
                    await client.GetAsync("http://127.0.0.1:9000/metrics");
                    await client.GetAsync($"https://{baseUrl}/api/orders");
                    await client.GetAsync(new Uri("https://schemas.microsoft.com/ws/2008/06/identity/claims/role"));
                    await client.GetAsync("https://api.example.com/orders");
                    var info = new OpenApiInfo
                    {
                        TermsOfService = new Uri("https://orders.corp.internal/terms"),
                        Contact = new OpenApiContact { Url = new Uri("https://github.com/orders/orders") },
                    };
                    Console.WriteLine("See https://orders.corp.internal/help");
                    var xmlns = new XAttribute(XNamespace.Xmlns + "a", "http://www.w3.org/2005/Atom");
                    var file = new Uri("C:/data/orders.csv", UriKind.RelativeOrAbsolute);
                    var privateRange = System.Net.IPAddress.Parse("10.0.0.0");
                    services.AddHttpClient("webhooks", c => c.BaseAddress = new("http://webhooks-api"));
                    services.AddHttpClient("basket", c => c.BaseAddress = new("https+http://basket-api"));
                    var kafka = new Confluent.Kafka.ProducerConfig { BootstrapServers = "kafka:9092" };
                }
            }
            """).RunAsync();

    [Fact]
    public Task Sockets_that_connect_or_send_are_reported_with_IPv4_and_IPv6_addresses()
        => Create("""
            using System.Net.Sockets;
            class C
            {
                void M(byte[] metric)
                {
                    using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    tcp.Connect([|"10.0.4.17"|], 5672);
                    using var tcp6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                    tcp6.Connect([|"2001:4860:4860::8888"|], 53);
                    using var statsd = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    statsd.Connect([|"10.0.4.20"|], 8125);
                    statsd.Send(metric);
                    using var udp = new UdpClient();
                    udp.Connect([|"[fd00::20]:8125"|], 8125);
                    udp.Send(metric, metric.Length);
                }
            }
            """).RunAsync();

    [Fact]
    public Task A_datagram_socket_connected_only_to_learn_the_local_address_is_a_route_probe()
        => Create("""
            using System.Net;
            using System.Net.Sockets;
            class C
            {
                IPAddress? OutboundV4()
                {
                    using (Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, 0))
                    {
                        socket.Connect("8.8.8.8", 65530);
                        return (socket.LocalEndPoint as IPEndPoint)?.Address;
                    }
                }

                IPAddress? OutboundV6()
                {
                    using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                    socket.Connect("2001:4860:4860::8888", 65530);
                    return ((IPEndPoint)socket.LocalEndPoint!).Address;
                }

                IPAddress? ThroughUdpClient()
                {
                    using var udp = new UdpClient();
                    udp.Connect("1.1.1.1", 53);
                    return ((IPEndPoint)udp.Client.LocalEndPoint!).Address;
                }

                void LoopbackAndDocumentationAddresses(Socket socket)
                {
                    socket.Connect("::1", 5672);
                    socket.Connect("2001:db8::17", 5672);
                }
            }
            """).RunAsync();

    [Fact]
    public Task Allowed_hosts_and_loopback_are_options()
    {
        var test = Create("""
            class C
            {
                async Task M(HttpClient client)
                {
                    await client.GetAsync("https://api.github.com/repos/o/r");
                    await client.GetAsync("https://hooks.stripe.com/x");
                    await client.GetAsync([|"http://localhost:5000/x"|]);
                    await client.GetAsync([|"https://inventory.corp.internal/x"|]);
                }
            }
            """);
        test.EditorConfig = """
            [*.cs]
            RDY4003.allowed_hosts = api.github.com, *.stripe.com
            RDY4003.report_loopback = true
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task A_providers_single_global_endpoint_is_not_reported_but_per_account_and_regional_hosts_are()
        => Create("""
            class C
            {
                Uri Download(string bucket, string path) => new Uri($"https://storage.googleapis.com/{bucket}/{path}");

                async Task M(HttpClient client)
                {
                    await client.GetAsync("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration");
                    await client.GetAsync("https://API.GITHUB.COM/repos/o/r");
                    await client.GetAsync([|"https://ordersprod.blob.core.windows.net/exports"|]);
                    await client.GetAsync([|"https://s3.eu-west-1.amazonaws.com/orders"|]);
                    await client.GetAsync([|"https://storage.googleapis.com.corp.internal/x"|]);
                    await client.GetAsync([|"https://mirror-storage.googleapis.com/x"|]);
                }
            }
            """).RunAsync();

    [Fact]
    public Task Global_provider_endpoints_are_reported_when_the_option_is_off()
    {
        var test = Create("""
            class C
            {
                Task M(HttpClient client) => client.GetAsync([|"https://storage.googleapis.com/orders/x"|]);
            }
            """);
        test.EditorConfig = """
            [*.cs]
            RDY4003.allow_global_provider_hosts = false
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Test_projects_are_not_reported()
    {
        var test = Create("""
            class C
            {
                Task M(HttpClient client) => client.GetAsync("https://inventory.corp.internal/x");
            }
            """);
        test.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        return test.RunAsync();
    }
}
