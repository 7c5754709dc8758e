/**
 * How cdk-nag 3 names a resolved CloudFormation value in a finding id, e.g.
 * `AwsSolutions-IAM5[Resource::<Table.Arn>/index/*]` (a port of its `flattenCfnReference`), so
 * an acknowledgement can name exactly one finding on one resource.
 */
export function nagResourceName(resolved: unknown): string {
  if (resolved === undefined) return '';
  if (typeof resolved === 'string') return resolved.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const value = resolved as Record<string, unknown>;
  const join = value['Fn::Join'];
  if (Array.isArray(join)) {
    const [delimiter, items] = join as [string, unknown[]];
    return items.map(nagResourceName).join(delimiter);
  }
  if (value['Fn::Sub'] !== undefined) return nagResourceName(value['Fn::Sub']);
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.map(nagResourceName).join('.')}>`;
  if (value['Fn::ImportValue'] !== undefined) return nagResourceName(value['Fn::ImportValue']);
  if (value.Ref !== undefined) return `<${nagResourceName(value.Ref)}>`;
  return JSON.stringify(resolved);
}

interface ResolvedStatement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}

/** The `AwsSolutions-IAM5[...]` finding ids cdk-nag reports for a resolved policy document. */
export function wildcardFindings(document: { Statement?: ResolvedStatement[] }): string[] {
  const findings = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of [statement.Action ?? []].flat()) {
      if (action.includes('*')) findings.add(`AwsSolutions-IAM5[Action::${action}]`);
    }
    for (const resource of [statement.Resource ?? []].flat()) {
      const name = nagResourceName(resource);
      if (name.includes('*')) findings.add(`AwsSolutions-IAM5[Resource::${name}]`);
    }
  }
  return [...findings];
}
