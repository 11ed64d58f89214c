using KafkaWorker1;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKafkaWorker<OrderHandler>();   // topic and group from [KafkaWorker]; SIGTERM drains and commits
builder.Build().Run();
