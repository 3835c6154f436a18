import { getMetadataStorage } from 'class-validator';

/** class-validator rule → the JSON Schema keyword that says the same. */
const KEYWORDS: Readonly<Record<string, string>> = {
  max: 'maximum',
  min: 'minimum',
  maxLength: 'maxLength',
  minLength: 'minLength',
  arrayMaxSize: 'maxItems',
  arrayMinSize: 'minItems',
};

type PropertyMetadata = Record<string, unknown>;
type Constructor = abstract new (...args: never[]) => unknown;
type ModelEntry = readonly [Promise<Record<string, unknown>>, Record<string, Record<string, PropertyMetadata>>];

/**
 * The compiler plugin copies a validation limit into the document only when it is a literal
 * (`@Max(100)`), not a constant (`@Max(MAX_PAGE_LIMIT)`). The limits class-validator really
 * enforces are read here at run time and added where the plugin left them out.
 */
export async function withValidationLimits(metadata: Record<string, unknown>): Promise<Record<string, unknown>> {
  const swagger = metadata['@nestjs/swagger'] as { models?: readonly ModelEntry[] } | undefined;
  for (const [fileImport, classes] of swagger?.models ?? []) {
    const exported = await fileImport;
    for (const [name, properties] of Object.entries(classes)) {
      const target = exported[name];
      if (isClass(target)) addLimits(target, properties);
    }
  }
  return metadata;
}

function isClass(value: unknown): value is Constructor {
  return typeof value === 'function';
}

function addLimits(target: Constructor, properties: Record<string, PropertyMetadata>): void {
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const keyword = rule.name === undefined ? undefined : KEYWORDS[rule.name];
    const property = properties[rule.propertyName];
    // `each` limits bind an array's items, not the array: left as the plugin wrote them.
    if (!keyword || !property || rule.target !== target || rule.each || property[keyword] !== undefined) continue;
    const constraints: readonly unknown[] = rule.constraints ?? [];
    const limit = constraints[0];
    if (typeof limit === 'number') property[keyword] = limit;
  }
}
