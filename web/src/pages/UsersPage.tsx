import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { describedBy, Field } from '../components/Bits';
import { ErrorList, Loading, QueryError } from '../components/States';
import { fieldErrors, formLevelErrors, toAppErrors, type AppError } from '../lib/errors';
import { useI18n } from '../lib/i18n';
import { ASSIGN_ROLES, CREATE_USER, USERS } from '../lib/queries';
import type { UserRow } from '../lib/types';
import { hasProblems, ROLES, USER_FIELDS, validateUserForm, type Role, type UserField, type UserFormValues } from '../lib/validation';

const EMPTY: UserFormValues = { username: '', displayName: '', password: '', roles: ['USER'], messengerId: '' };

function CreateUserForm({ onCreated }: { onCreated: (user: UserRow) => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<UserFormValues>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<AppError[]>([]);
  const [{ fetching }, createUser] = useMutation(CREATE_USER);
  const problems = validateUserForm(values);
  const serverByField = fieldErrors(serverErrors);
  const errorOf = (field: UserField) => {
    if (serverByField[field]) return serverByField[field];
    const problem = problems[field];
    return problem && submitted ? t(problem.key, problem.params) : undefined;
  };
  const update = (patch: Partial<UserFormValues>, field: UserField) => {
    setValues((v) => ({ ...v, ...patch }));
    setServerErrors((errors) => errors.filter((e) => e.field !== field));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const first = USER_FIELDS.find((f) => problems[f]);
    if (first) {
      document.getElementById(`user-${first}`)?.focus();
      return;
    }
    const result = await createUser({
      input: {
        username: values.username.trim().toLowerCase(),
        displayName: values.displayName.trim(),
        password: values.password,
        roles: [...values.roles],
        messengerId: values.messengerId.trim() || null,
      },
    });
    if (result.data?.createUser) {
      onCreated(result.data.createUser);
      setValues(EMPTY);
      setSubmitted(false);
      setServerErrors([]);
      return;
    }
    const errors = toAppErrors(result.error);
    setServerErrors(errors);
    const field = errors.find((e) => e.field)?.field;
    if (field) document.getElementById(`user-${field}`)?.focus();
  }

  const errs = Object.fromEntries(USER_FIELDS.map((f) => [f, errorOf(f)])) as Record<UserField, string | undefined>;
  return (
    <form className="form card" onSubmit={submit} noValidate data-testid="user-form">
      <h2>{t('users.create')}</h2>
      {submitted && hasProblems(problems) && (
        <div className="alert alert-error" role="alert">
          {t('modelForm.fixErrors')}
        </div>
      )}
      <div className="grid-2 tight">
        <Field id="user-username" label={t('users.username')} error={errs.username}>
          <input
            id="user-username"
            data-testid="user-username"
            autoComplete="off"
            value={values.username}
            aria-invalid={!!errs.username}
            aria-describedby={describedBy('user-username', errs.username)}
            onChange={(e) => update({ username: e.target.value }, 'username')}
          />
        </Field>
        <Field id="user-displayName" label={t('users.displayName')} error={errs.displayName}>
          <input
            id="user-displayName"
            data-testid="user-displayName"
            value={values.displayName}
            aria-invalid={!!errs.displayName}
            aria-describedby={describedBy('user-displayName', errs.displayName)}
            onChange={(e) => update({ displayName: e.target.value }, 'displayName')}
          />
        </Field>
        <Field id="user-password" label={t('users.password')} error={errs.password}>
          <input
            id="user-password"
            data-testid="user-password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            aria-invalid={!!errs.password}
            aria-describedby={describedBy('user-password', errs.password)}
            onChange={(e) => update({ password: e.target.value }, 'password')}
          />
        </Field>
        <Field id="user-messengerId" label={t('users.messengerId')} error={errs.messengerId}>
          <input
            id="user-messengerId"
            data-testid="user-messengerId"
            value={values.messengerId}
            aria-invalid={!!errs.messengerId}
            aria-describedby={describedBy('user-messengerId', errs.messengerId)}
            onChange={(e) => update({ messengerId: e.target.value }, 'messengerId')}
          />
        </Field>
      </div>
      <fieldset id="user-roles" className={errs.roles ? 'field field-invalid' : 'field'} tabIndex={-1}>
        <legend>{t('users.roles')}</legend>
        <div className="radio-row">
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input
                type="checkbox"
                data-testid={`user-role-${role}`}
                checked={values.roles.includes(role)}
                onChange={(e) =>
                  update({ roles: e.target.checked ? [...values.roles, role] : values.roles.filter((r) => r !== role) }, 'roles')
                }
              />
              {t(`role.${role}`)}
            </label>
          ))}
        </div>
        {errs.roles && (
          <div className="field-error" role="alert" data-testid="error-user-roles">
            {errs.roles}
          </div>
        )}
      </fieldset>
      <ErrorList errors={formLevelErrors(serverErrors, USER_FIELDS)} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={fetching} data-testid="user-submit">
          {fetching ? t('common.saving') : t('users.create')}
        </button>
      </div>
    </form>
  );
}

function RoleEditor({ user, onSaved }: { user: UserRow; onSaved: (user: UserRow) => void }) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [errors, setErrors] = useState<AppError[]>([]);
  const [{ fetching }, assignRoles] = useMutation(ASSIGN_ROLES);
  const changed = roles.slice().sort().join() !== user.roles.slice().sort().join();

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await assignRoles({ userId: user.id, roles });
    if (result.data?.assignRoles) {
      setErrors([]);
      onSaved(result.data.assignRoles);
    } else {
      setErrors(toAppErrors(result.error));
    }
  }

  return (
    <form className="role-editor" onSubmit={save} aria-label={`${t('users.roles')}: ${user.username}`}>
      {ROLES.map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            data-testid={`roles-${user.username}-${role}`}
            checked={roles.includes(role)}
            onChange={(e) => setRoles((r) => (e.target.checked ? [...r, role] : r.filter((x) => x !== role)))}
          />
          {role}
        </label>
      ))}
      <button
        type="submit"
        className="btn btn-small"
        disabled={!changed || fetching || roles.length === 0}
        data-testid={`roles-save-${user.username}`}
      >
        {t('users.saveRoles')}
      </button>
      <ErrorList errors={errors} />
    </form>
  );
}

export function UsersPage() {
  const { t, formatDateTime } = useI18n();
  const [result, reexecute] = useQuery({ query: USERS });
  const [message, setMessage] = useState<string | null>(null);
  const refetch = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <div className="page" data-testid="users-page">
      <h1>{t('users.title')}</h1>
      {message && (
        <p className="alert alert-success" role="status" data-testid="users-message">
          {message}
        </p>
      )}
      <CreateUserForm
        onCreated={(user) => {
          setMessage(t('users.created', { name: user.username }));
          refetch();
        }}
      />
      {result.error && !result.data ? (
        <QueryError error={result.error} feature="users" onRetry={refetch} />
      ) : !result.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th>{t('users.username')}</th>
                <th>{t('users.displayName')}</th>
                <th>{t('users.roles')}</th>
                <th className="hide-sm">{t('common.created')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.users.map((user) => (
                <tr key={user.id} data-testid={`user-row-${user.username}`}>
                  <td className="mono">{user.username}</td>
                  <td>{user.displayName}</td>
                  <td>
                    <RoleEditor
                      key={user.roles.join()}
                      user={user}
                      onSaved={(saved) => {
                        setMessage(t('users.rolesSaved', { name: saved.username }));
                        refetch();
                      }}
                    />
                  </td>
                  <td className="hide-sm nowrap small">{formatDateTime(user.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
