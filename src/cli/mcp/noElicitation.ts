// Stands in for the MCP SDK's Ajv validator (the build points the SDK's import here): the SDK's server uses it only to
// check an elicitation's answer, and this server never elicits. Leaving Ajv out is a third of `poe-bots mcp`'s start.
// If the SDK ever asks it to validate, it says so instead of letting anything through.

export class AjvJsonSchemaValidator {
  getValidator(): never {
    throw new Error('poe-bots mcp does not elicit input, so it validates no elicitation answer.');
  }
}
