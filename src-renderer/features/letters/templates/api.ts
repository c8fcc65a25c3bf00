import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../../api/client';

/** Keys start with 'documents': the backend's data.changed for templates names that domain. */
export const templateKeys = { all: ['documents', 'letterTemplates'] as const, one: (id: number) => ['documents', 'letterTemplates', id] as const };

export const useTemplateList = () => useQuery({ queryKey: templateKeys.all, queryFn: () => unwrap(window.api.letters['templates.list']()) });

export const useTemplate = (templateId: number | null) =>
  useQuery({
    queryKey: templateKeys.one(templateId ?? 0),
    queryFn: () => unwrap(window.api.letters['templates.get']({ templateId: templateId ?? 0 })),
    enabled: templateId !== null,
  });
