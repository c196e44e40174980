// Every Pulumi output records a stack trace when it is created; under the mock engine that is most of the cost of a
// registration. Pulumi raises the limit itself where it needs source positions.
Error.stackTraceLimit = 0;
