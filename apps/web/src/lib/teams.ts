import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ZTeam, ZTeamRef } from '@loopdesk/core';
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

/** The active teams the user is a member of: their cases make up the team queue. */
export function useMyTeams(enabled = true) {
  return useQuery({
    // Under the teams key: saving a team refreshes it too.
    queryKey: [...TEAMS_QUERY_KEY, 'mine'],
    queryFn: async () => (await api.get('/api/teams/mine', z.object({ items: z.array(ZTeamRef) }))).items,
    enabled,
  });
}
