import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ZTeam } from '@loopdesk/core';
import { api } from './api';

export const TEAMS_QUERY_KEY = ['teams'] as const;

/** The teams of the user's subtree (teams.read), for the teams page and the bulk assignment. */
export function useTeams(enabled = true) {
  return useQuery({
    queryKey: TEAMS_QUERY_KEY,
    queryFn: async () => (await api.get('/api/teams', z.object({ items: z.array(ZTeam) }))).items,
    enabled,
  });
}
