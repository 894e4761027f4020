import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Builds one query per root Query field that can be called with just a mailbox number
 * (or nothing), selecting every field reachable to `maxDepth` — every area's, not only
 * outbound's — so a test can search the answers for secrets.
 */
const argValue = (name: string, type: string, mailboxNumber: number): string | null => {
  if (/^(mailboxNumber|number)$/.test(name) && type.startsWith('Int')) return String(mailboxNumber);
  return null;
};

const selection = (type: GraphQLObjectType, depth: number, maxDepth: number, mailboxNumber: number): string => {
  const parts: string[] = ['__typename'];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    const args: string[] = [];
    let callable = true;
    for (const arg of field.args) {
      const value = argValue(arg.name, String(arg.type), mailboxNumber);
      if (value !== null) args.push(`${arg.name}: ${value}`);
      else if (isNonNullType(arg.type) && arg.defaultValue === undefined) callable = false;
    }
    if (!callable) continue;
    const call = args.length > 0 ? `${field.name}(${args.join(', ')})` : field.name;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(call);
    else if (isObjectType(named) && depth < maxDepth) {
      const inner = selection(named, depth + 1, maxDepth, mailboxNumber);
      if (inner) parts.push(`${call} { ${inner} }`);
    } else if ((isUnionType(named) || isInterfaceType(named)) && depth < maxDepth) parts.push(`${call} { __typename }`);
  }
  return parts.join(' ');
};

export const everyQuery = (schema: GraphQLSchema, mailboxNumber: number, maxDepth = 5): { name: string; query: string }[] => {
  const root = schema.getQueryType();
  if (!root) return [];
  const out: { name: string; query: string }[] = [];
  for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
    const args: string[] = [];
    let callable = true;
    for (const arg of field.args) {
      const value = argValue(arg.name, String(arg.type), mailboxNumber);
      if (value !== null) args.push(`${arg.name}: ${value}`);
      else if (isNonNullType(arg.type) && arg.defaultValue === undefined) callable = false;
    }
    if (!callable) continue;
    const named = getNamedType(field.type);
    const call = args.length > 0 ? `${field.name}(${args.join(', ')})` : field.name;
    const body = isObjectType(named) ? `{ ${selection(named, 1, maxDepth, mailboxNumber)} }` : isScalarType(named) || isEnumType(named) ? '' : '{ __typename }';
    out.push({ name: field.name, query: `query { ${call} ${body} }` });
  }
  return out;
};
