import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { KeyboardEvent, useEffect, useId, useState } from 'react';
import type { MunicipalityResponseDto } from '../../api/generated/types.gen';
import { useApplicantMessages } from './messages';
import { municipalitySearchQuery } from './queries';

interface Props {
  id: string;
  value: MunicipalityResponseDto | undefined;
  onChange: (municipality: MunicipalityResponseDto | undefined) => void;
  error?: string;
}

/** The register searched as one types (accents optional): an ARIA 1.2 combobox with a listbox of hits. */
export function MunicipalityCombobox({ id, value, onChange, error }: Props) {
  const m = useApplicantMessages();
  const [text, setText] = useState(value?.name ?? '');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  // a request a little after the last key, not one per key
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    ...municipalitySearchQuery(query),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
  });
  const hits = query.length >= 2 ? (search.data?.items ?? []) : [];
  const expanded = open && hits.length > 0;

  function choose(municipality: MunicipalityResponseDto) {
    onChange(municipality);
    setText(municipality.name);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (hits.length ? (index + 1) % hits.length : -1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (hits.length ? (index <= 0 ? hits.length - 1 : index - 1) : -1));
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();
      choose(hits[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  const optionId = (index: number) => `${id}-option-${index}`;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');

  return (
    <div className="field combobox">
      <label htmlFor={id}>{m.municipality}</label>
      <p id={hintId} className="field-hint">
        {m.municipalityHint}
      </p>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          if (value) onChange(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" aria-label={m.municipality} className="combobox-list" hidden={!expanded}>
        {hits.map((hit, index) => (
          <li
            key={hit.kshCode}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(hit)}
          >
            <strong>{hit.name}</strong> <span className="muted">({hit.county})</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status" aria-live="polite">
        {open && query.length >= 2 && !search.isFetching ? m.municipalityResults(hits.length) : ''}
      </p>
      {value ? (
        <p className="selected-municipality">
          {m.municipalitySelected} <strong>{value.name}</strong> ({value.county}, {value.legalStatus})
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
