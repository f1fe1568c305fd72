import { useState } from 'react';
import { useStore } from 'zustand';
import { phoneWarning } from '../../../preload/phone';
import { useStores } from '../../store/stores';
import { errorMessage } from '../../lib/format';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Field, TextAreaField } from '../../ui/field';
import { draftErrors, type Draft } from './contact-draft';
import { Repeatable } from './repeatable';

/** Create and edit share this form: every field a contact has, grouped as a rep thinks of them. */
export function ContactForm({ initial, title, onSave, onCancel }: { initial: Draft; title: string; onSave: (d: Draft) => Promise<void>; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(initial);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errors = tried ? draftErrors(d) : {};
  const put = (patch: Partial<Draft>): void => setD({ ...d, ...patch });
  const meet = (patch: Partial<Draft['meeting']>): void => setD({ ...d, meeting: { ...d.meeting, ...patch } });
  const region = useStore(useStores().settings, (s) => s.settings?.defaultPhoneRegion ?? 'US');
  const regionName = new Intl.DisplayNames(undefined, { type: 'region' }).of(region) ?? region;

  const submit = async (): Promise<void> => {
    setTried(true);
    if (Object.keys(draftErrors(d)).length) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(d);
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <form className="contact-form" aria-label={title} onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <div className="panel-head">
        <h2>{title}</h2>
        <span className="spacer" />
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={saving}>Save</Button>
      </div>
      {error && <Banner tone="error" title="Not saved">{error}</Banner>}
      {errors.name && <Banner tone="error">{errors.name}</Banner>}
      <div className="form-grid">
        <Field label="First name" value={d.firstName} onChange={(e) => put({ firstName: e.target.value })} autoComplete="off" />
        <Field label="Last name" value={d.lastName} onChange={(e) => put({ lastName: e.target.value })} autoComplete="off" />
        <Field label="Company" value={d.company} onChange={(e) => put({ company: e.target.value })} />
        <Field label="Title" value={d.title} onChange={(e) => put({ title: e.target.value })} />
        <Field label="Website" type="url" value={d.website} onChange={(e) => put({ website: e.target.value })} fieldClassName="span-2" />
      </div>
      <Repeatable legend="E-mail" items={d.emails} onChange={(emails) => put({ emails })} blank={{ value: '', label: '' }} addLabel="Add e-mail" error={errors.emails}
        renderRow={(x, set, i) => (
          <>
            <Field label={`E-mail ${i + 1}`} type="email" value={x.value} onChange={(e) => set({ value: e.target.value })} fieldClassName="grow" />
            <Field label="Label" placeholder="work, home…" value={x.label} onChange={(e) => set({ label: e.target.value })} fieldClassName="label-col" />
          </>
        )} />
      <Repeatable legend="Phone" items={d.phones} onChange={(phones) => put({ phones })} blank={{ raw: '', label: '' }} addLabel="Add phone"
        renderRow={(x, set, i) => (
          <>
            <Field label={`Phone ${i + 1}`} type="tel" value={x.raw} onChange={(e) => set({ raw: e.target.value })} fieldClassName="grow"
              warning={phoneWarning(x.raw, region, regionName)} />
            <Field label="Label" placeholder="mobile, work…" value={x.label} onChange={(e) => set({ label: e.target.value })} fieldClassName="label-col" />
          </>
        )} />
      <Repeatable legend="Address" items={d.addresses} onChange={(addresses) => put({ addresses })} blank={{ label: '', street: '', city: '', region: '', postalCode: '', country: '' }} addLabel="Add address"
        renderRow={(x, set) => (
          <div className="form-grid grow">
            <Field label="Street" value={x.street} onChange={(e) => set({ street: e.target.value })} fieldClassName="span-2" />
            <Field label="City" value={x.city} onChange={(e) => set({ city: e.target.value })} />
            <Field label="Region / state" value={x.region} onChange={(e) => set({ region: e.target.value })} />
            <Field label="Postal code" value={x.postalCode} onChange={(e) => set({ postalCode: e.target.value })} />
            <Field label="Country" value={x.country} onChange={(e) => set({ country: e.target.value })} />
            <Field label="Label" placeholder="work, home…" value={x.label} onChange={(e) => set({ label: e.target.value })} />
          </div>
        )} />
      <fieldset className="repeatable">
        <legend>Where you met</legend>
        <div className="form-grid">
          <Field label="When" type="datetime-local" value={d.meeting.at} onChange={(e) => meet({ at: e.target.value })} />
          <Field label="Event" placeholder="Trade show, conference…" value={d.meeting.event} onChange={(e) => meet({ event: e.target.value })} />
          <Field label="Where" value={d.meeting.place} onChange={(e) => meet({ place: e.target.value })} fieldClassName="span-2" />
          <TextAreaField label="Meeting notes" value={d.meeting.notes} onChange={(e) => meet({ notes: e.target.value })} fieldClassName="span-2" />
        </div>
      </fieldset>
      <Field label="Tags" hint="Separate tags with commas." value={d.tags} onChange={(e) => put({ tags: e.target.value })} />
      <Repeatable legend="Custom field" items={d.custom} onChange={(custom) => put({ custom })} blank={{ key: '', value: '' }} addLabel="Add custom field" error={errors.custom}
        renderRow={(x, set, i) => (
          <>
            <Field label={`Field name ${i + 1}`} value={x.key} onChange={(e) => set({ key: e.target.value })} fieldClassName="label-col" />
            <Field label="Value" value={x.value} onChange={(e) => set({ value: e.target.value })} fieldClassName="grow" />
          </>
        )} />
      <TextAreaField label="Notes" rows={5} value={d.notes} onChange={(e) => put({ notes: e.target.value })} />
    </form>
  );
}
