import { EnvironmentView, HistoryEntryView, IntentView } from '@envrefresh/contracts';
import { useApiSuite } from './support/api-suite';
import { Lifecycle, OWNER_GROUP } from './support/lifecycle';
import { Persona, persona, withRoles } from './support/personas';

describe('separation of duties: nobody approves their own intent', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
  });

  const refusedThenApprovedByAnother = async (filer: Persona, selfApprover: Persona) => {
    const intent = await lifecycle.fileIntent(environment, { submit: true }, filer);
    expect(intent).toMatchObject({ status: 'REQUESTED', requestedBy: { sub: filer.sub } });

    const own = await lifecycle.act(intent, 'approve', { as: selfApprover });

    expect(own.status).toBe(403);
    expect(own.contentType).toMatch(/^application\/problem\+json/);
    expect(own.body).toMatchObject({ status: 403, type: expect.any(String), title: expect.any(String) });
    expect((await lifecycle.get(intent.id, selfApprover)).body).toMatchObject({
      status: 'REQUESTED',
      version: intent.version,
    });

    const other = await lifecycle.act(intent, 'approve', { as: lifecycle.cast.approver });
    expect({ status: other.status, intentStatus: other.body?.status }).toEqual({
      status: 200,
      intentStatus: 'APPROVED',
    });
    const history = await suite.api.get<HistoryEntryView[]>(`/intents/${intent.id}/history`, { as: filer });
    expect(
      history.body.filter((entry) => entry.action === 'approve').map((entry) => entry.actor.sub),
    ).toEqual([lifecycle.cast.approver.sub]);
    return intent;
  };

  it('refuses an admin who filed the intent (403); another approver then approves it', async () => {
    const admin = persona('ines-admin', ['admin'], ['platform']);
    await refusedThenApprovedByAnother(admin, admin);
  });

  it('refuses an approver who filed the intent (403); another approver then approves it', async () => {
    const approver = persona('paul-approver', ['approver'], [OWNER_GROUP]);
    await refusedThenApprovedByAnother(approver, approver);
  });

  it('refuses the filer even after they are granted admin: it is the person, not the token, that counts', async () => {
    const filer = persona('fred-requester', ['requester'], [OWNER_GROUP]);
    await refusedThenApprovedByAnother(filer, withRoles(filer, ['admin']));
  });

  it('lets an admin approve an intent someone else filed', async () => {
    const intent: IntentView = await lifecycle.fileIntent(environment, { submit: true });

    const approved = await lifecycle.act(intent, 'approve', { as: lifecycle.cast.admin });

    expect({ status: approved.status, intentStatus: approved.body?.status }).toEqual({
      status: 200,
      intentStatus: 'APPROVED',
    });
  });
});
