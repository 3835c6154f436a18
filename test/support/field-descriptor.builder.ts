import type { FieldDescriptor, FieldLabels } from '../../src/workers/field-detection/field-descriptor';

type DescriptorOverrides = Partial<Omit<FieldDescriptor, 'labels'>> & { readonly labels?: Partial<FieldLabels> };

/** A visible, empty text input; override what a test cares about. For unit tests. */
export function aDescriptor(overrides: DescriptorOverrides = {}): FieldDescriptor {
  const labels: FieldLabels = {
    label: '',
    ariaLabelledBy: '',
    ariaLabel: '',
    placeholder: '',
    title: '',
    nearby: '',
    legend: '',
    ...overrides.labels,
  };
  const index = overrides.index ?? 0;
  return {
    index,
    formIndex: 0,
    tag: 'input',
    type: 'text',
    name: '',
    id: '',
    className: '',
    autocomplete: '',
    options: [],
    value: '',
    maxLength: -1,
    required: false,
    readOnly: false,
    disabled: false,
    visible: true,
    hiddenReason: null,
    selector: `#f${index}`,
    ...overrides,
    labels,
  };
}
