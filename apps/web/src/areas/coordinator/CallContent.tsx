import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ApiError, unwrap } from '../../api/client';
import {
  callContentControllerAddCriterion,
  callContentControllerAddQuestion,
  callContentControllerAddTheme,
  callContentControllerRemoveCriterion,
  callContentControllerRemoveQuestion,
  callContentControllerRemoveTheme,
  callContentControllerUpdateCriterion,
  callContentControllerUpdateQuestion,
  callContentControllerUpdateTheme,
} from '../../api/generated/sdk.gen';
import type {
  CallCriterionResponse,
  CallDetailResponse,
  CallQuestionResponse,
  CallThemeResponse,
  ChoiceDto,
  CreateQuestionDto,
} from '../../api/generated/types.gen';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/i18n';
import { type CallEditMessages, useCallEditMessages } from './editMessages';
import { ErrorAlert } from './fields';
import { useCoordinatorMessages } from './messages';

type Values = Record<string, string | boolean>;

/** One field of an item's form: its key in the api's body (and in its `fields` refusals). */
interface FieldSpec {
  key: string;
  label: string;
  kind?: 'text' | 'textarea' | 'number' | 'select' | 'checkbox';
  required?: boolean;
  hint?: string;
  options?: Array<[string, string]>;
  /** Shown only when the values allow it (e.g. choices of a single-choice question). */
  shown?: (values: Values) => boolean;
}

/** A labelled control of an item's form, with the api's refusal of that field under it. */
function SpecField({
  id,
  spec,
  values,
  error,
  onValue,
}: {
  id: string;
  spec: FieldSpec;
  values: Values;
  error?: string;
  onValue: (value: string | boolean) => void;
}) {
  const value = values[spec.key];
  if (spec.kind === 'checkbox') {
    return (
      <div className="field">
        <div className="check">
          <input type="checkbox" id={id} checked={value === true} onChange={(e) => onValue(e.target.checked)} />
          <label htmlFor={id}>{spec.label}</label>
        </div>
        {error ? <p className="field-error">{error}</p> : null}
      </div>
    );
  }
  if (spec.kind === 'text' || spec.kind === 'number' || !spec.kind) {
    return (
      <Field
        id={id}
        label={spec.label}
        type={spec.kind === 'number' ? 'number' : 'text'}
        inputMode={spec.kind === 'number' ? 'decimal' : undefined}
        step={spec.kind === 'number' ? 'any' : undefined}
        required={spec.required}
        value={String(value ?? '')}
        onValue={onValue}
        error={error}
      />
    );
  }
  const describedBy = [error ? `${id}-error` : '', spec.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      {spec.kind === 'select' ? (
        <select id={id} value={String(value)} onChange={(e) => onValue(e.target.value)}>
          {spec.options?.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      ) : (
        <textarea
          id={id}
          rows={3}
          required={spec.required}
          value={String(value ?? '')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
      {spec.hint ? (
        <p id={`${id}-hint`} className="hint">
          {spec.hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The api's refusal of a field: its own key, or a key under it (choices.0.value). */
function fieldError(error: ApiError | undefined, key: string): string | undefined {
  if (!error) return undefined;
  const own = Object.entries(error.fields).filter(([k]) => k === key || k.startsWith(`${key}.`));
  return own.length ? own.map(([, message]) => message).join(' ') : undefined;
}

/** An item's form (add, or inline edit): every field labelled, refusals next to their field. */
function ItemForm({
  idPrefix,
  name,
  specs,
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  idPrefix: string;
  name: string;
  specs: FieldSpec[];
  initial: Values;
  submitLabel: string;
  onSave: (values: Values) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const e = useCallEditMessages();
  const [values, setValues] = useState(initial);
  const save = useMutation({
    mutationFn: () => onSave(values),
    onSuccess: () => {
      if (!onCancel) setValues(initial);
      onCancel?.();
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const shown = specs.filter((spec) => !spec.shown || spec.shown(values));
  const placed = (k: string) => shown.some((spec) => k === spec.key || k.startsWith(`${spec.key}.`));
  const unplaced = error ? Object.keys(error.fields).filter((k) => !placed(k)) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="item-form" aria-label={name} onSubmit={submit} noValidate>
      {save.error ? (
        <p className="alert" role="alert">
          {save.error.message}
          {unplaced.length ? ` ${unplaced.map((k) => error?.fields[k]).join(' ')}` : ''}
        </p>
      ) : null}
      {shown.map((spec) => (
        <SpecField
          key={spec.key}
          id={`${idPrefix}-${spec.key}`}
          spec={spec}
          values={values}
          error={fieldError(error, spec.key)}
          onValue={(value) => setValues((v) => ({ ...v, [spec.key]: value }))}
        />
      ))}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {e.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** One item in its list: its summary with edit and remove (confirmed), or its inline form. */
function ItemRow({
  id,
  summary,
  specs,
  values,
  onUpdate,
  onRemove,
}: {
  id: string;
  summary: string;
  specs: FieldSpec[];
  values: Values;
  onUpdate: (values: Values) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
}) {
  const e = useCallEditMessages();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useMutation({ mutationFn: onRemove });

  return (
    <li data-testid="content-item">
      {editing ? (
        <ItemForm
          idPrefix={`edit-${id}`}
          name={`${e.edit1}: ${summary}`}
          specs={specs}
          initial={values}
          submitLabel={e.save}
          onSave={onUpdate}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <strong>{summary}</strong>
          <ErrorAlert error={remove.error} />
          <div className="actions">
            <button type="button" onClick={() => setEditing(true)} aria-label={`${e.edit1}: ${summary}`}>
              {e.edit1}
            </button>
            {removing ? (
              <>
                <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>
                  {e.confirmRemove}
                </button>
                <button type="button" onClick={() => setRemoving(false)}>
                  {e.cancel}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setRemoving(true)} aria-label={`${e.remove}: ${summary}`}>
                {e.remove}
              </button>
            )}
          </div>
        </>
      )}
    </li>
  );
}

interface SectionProps<T extends { id: string }> {
  slug: string;
  title: string;
  addTitle: string;
  items: T[];
  specs: FieldSpec[];
  empty: Values;
  summary: (item: T) => string;
  toValues: (item: T) => Values;
  add: (values: Values) => Promise<unknown>;
  update: (item: T, values: Values) => Promise<unknown>;
  remove: (item: T) => Promise<unknown>;
}

/** A list of the call's themes, criteria or questions, with their forms. */
function ContentSection<T extends { id: string }>(props: SectionProps<T>) {
  const e = useCallEditMessages();
  return (
    <section className="card" aria-labelledby={`${props.slug}-heading`}>
      <h2 id={`${props.slug}-heading`}>{props.title}</h2>
      {props.items.length === 0 ? <p className="muted">{e.none}</p> : null}
      <ol className="content-list">
        {props.items.map((item) => (
          <ItemRow
            key={item.id}
            id={item.id}
            summary={props.summary(item)}
            specs={props.specs}
            values={props.toValues(item)}
            onUpdate={(values) => props.update(item, values)}
            onRemove={() => props.remove(item)}
          />
        ))}
      </ol>
      <h3>{props.addTitle}</h3>
      <ItemForm
        idPrefix={`new-${props.slug}`}
        name={props.addTitle}
        specs={props.specs}
        initial={props.empty}
        submitLabel={props.addTitle}
        onSave={props.add}
      />
    </section>
  );
}

const text = (values: Values, key: string) => String(values[key] ?? '').trim();
const numberOrNull = (value: string) => (value === '' ? null : Number(value));

/** "value; hu; en" lines to the api's choices; a line's missing parts stay empty for the api to refuse. */
export function parseChoices(lines: string): ChoiceDto[] {
  return lines
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [value = '', hu = '', en = ''] = line.split(';').map((part) => part.trim());
      return { value, hu, en };
    });
}

const themeSpecs = (e: CallEditMessages): FieldSpec[] => [
  { key: 'titleHu', label: e.themeTitleHu, required: true },
  { key: 'titleEn', label: e.themeTitleEn, required: true },
  { key: 'descriptionHu', label: e.descriptionHu, kind: 'textarea' },
  { key: 'descriptionEn', label: e.descriptionEn, kind: 'textarea' },
];

const criterionSpecs = (e: CallEditMessages): FieldSpec[] => [
  { key: 'nameHu', label: e.criterionNameHu, required: true },
  { key: 'nameEn', label: e.criterionNameEn, required: true },
  { key: 'guidanceHu', label: e.guidanceHu, kind: 'textarea' },
  { key: 'guidanceEn', label: e.guidanceEn, kind: 'textarea' },
  { key: 'weight', label: e.weight, kind: 'number', required: true },
  { key: 'maxPoints', label: e.maxPoints, kind: 'number', required: true },
  { key: 'tieBreakOrder', label: e.tieBreakOrder, kind: 'number' },
];

const questionSpecs = (e: CallEditMessages, kinds: Record<string, string>): FieldSpec[] => [
  { key: 'labelHu', label: e.questionLabelHu, required: true },
  { key: 'labelEn', label: e.questionLabelEn, required: true },
  { key: 'helpHu', label: e.helpHu, kind: 'textarea' },
  { key: 'helpEn', label: e.helpEn, kind: 'textarea' },
  { key: 'kind', label: e.kind, kind: 'select', options: Object.entries(kinds) },
  { key: 'required', label: e.requiredAnswer, kind: 'checkbox' },
  {
    key: 'choices',
    label: e.choices,
    kind: 'textarea',
    hint: e.choicesHint,
    shown: (values) => values.kind === 'single_choice',
  },
];

const themeBody = (v: Values) => ({
  titleHu: text(v, 'titleHu'),
  titleEn: text(v, 'titleEn'),
  descriptionHu: text(v, 'descriptionHu'),
  descriptionEn: text(v, 'descriptionEn'),
});

const criterionBody = (v: Values) => ({
  nameHu: text(v, 'nameHu'),
  nameEn: text(v, 'nameEn'),
  guidanceHu: text(v, 'guidanceHu'),
  guidanceEn: text(v, 'guidanceEn'),
  weight: Number(text(v, 'weight')),
  maxPoints: Number(text(v, 'maxPoints')),
  tieBreakOrder: numberOrNull(text(v, 'tieBreakOrder')),
});

const questionBody = (v: Values) => {
  const kind = String(v.kind) as CreateQuestionDto['kind'];
  return {
    labelHu: text(v, 'labelHu'),
    labelEn: text(v, 'labelEn'),
    helpHu: text(v, 'helpHu') || null,
    helpEn: text(v, 'helpEn') || null,
    kind,
    required: v.required === true,
    choices: kind === 'single_choice' ? parseChoices(String(v.choices ?? '')) : null,
  };
};

/** The call's themes, criteria and questions: add, edit inline, remove. */
export function CallContent({ call }: { call: CallDetailResponse }) {
  const e = useCallEditMessages();
  const m = useCoordinatorMessages();
  const { lang } = useI18n();
  const en = lang === 'en';
  const queryClient = useQueryClient();
  const id = call.id;
  // content changes step the call's version: the page reads the call again
  const done = <T,>(promise: Promise<T>) =>
    promise.then(async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['call', id] });
      return result;
    });

  return (
    <>
      <ContentSection<CallThemeResponse>
        slug="themes"
        title={m.themes}
        addTitle={e.addTheme}
        items={call.themes}
        specs={themeSpecs(e)}
        empty={{ titleHu: '', titleEn: '', descriptionHu: '', descriptionEn: '' }}
        summary={(t) => (en ? t.titleEn : t.titleHu)}
        toValues={(t) => ({
          titleHu: t.titleHu,
          titleEn: t.titleEn,
          descriptionHu: t.descriptionHu,
          descriptionEn: t.descriptionEn,
        })}
        add={(v) => done(unwrap(callContentControllerAddTheme({ path: { id }, body: themeBody(v) })))}
        update={(t, v) =>
          done(unwrap(callContentControllerUpdateTheme({ path: { id, themeId: t.id }, body: themeBody(v) })))
        }
        remove={(t) => done(unwrap(callContentControllerRemoveTheme({ path: { id, themeId: t.id } })))}
      />
      <ContentSection<CallCriterionResponse>
        slug="criteria"
        title={m.criteria}
        addTitle={e.addCriterion}
        items={call.criteria}
        specs={criterionSpecs(e)}
        empty={{
          nameHu: '',
          nameEn: '',
          guidanceHu: '',
          guidanceEn: '',
          weight: '1',
          maxPoints: '10',
          tieBreakOrder: '',
        }}
        summary={(c) => `${en ? c.nameEn : c.nameHu} (${m.weightPoints(c.weight, c.maxPoints)})`}
        toValues={(c) => ({
          nameHu: c.nameHu,
          nameEn: c.nameEn,
          guidanceHu: c.guidanceHu,
          guidanceEn: c.guidanceEn,
          weight: String(c.weight),
          maxPoints: String(c.maxPoints),
          tieBreakOrder: c.tieBreakOrder === null ? '' : String(c.tieBreakOrder),
        })}
        add={(v) => done(unwrap(callContentControllerAddCriterion({ path: { id }, body: criterionBody(v) })))}
        update={(c, v) =>
          done(
            unwrap(callContentControllerUpdateCriterion({ path: { id, criterionId: c.id }, body: criterionBody(v) })),
          )
        }
        remove={(c) => done(unwrap(callContentControllerRemoveCriterion({ path: { id, criterionId: c.id } })))}
      />
      <ContentSection<CallQuestionResponse>
        slug="questions"
        title={m.questions}
        addTitle={e.addQuestion}
        items={call.questions}
        specs={questionSpecs(e, m.questionKinds)}
        empty={{ labelHu: '', labelEn: '', helpHu: '', helpEn: '', kind: 'short_text', required: false, choices: '' }}
        summary={(q) =>
          `${en ? q.labelEn : q.labelHu} (${m.questionKinds[q.kind]}${q.required ? `, ${m.required}` : ''})`
        }
        toValues={(q) => ({
          labelHu: q.labelHu,
          labelEn: q.labelEn,
          helpHu: q.helpHu ?? '',
          helpEn: q.helpEn ?? '',
          kind: q.kind,
          required: q.required,
          choices: (q.choices ?? []).map((c) => `${c.value}; ${c.hu}; ${c.en}`).join('\n'),
        })}
        add={(v) => done(unwrap(callContentControllerAddQuestion({ path: { id }, body: questionBody(v) })))}
        update={(q, v) =>
          done(unwrap(callContentControllerUpdateQuestion({ path: { id, questionId: q.id }, body: questionBody(v) })))
        }
        remove={(q) => done(unwrap(callContentControllerRemoveQuestion({ path: { id, questionId: q.id } })))}
      />
    </>
  );
}
